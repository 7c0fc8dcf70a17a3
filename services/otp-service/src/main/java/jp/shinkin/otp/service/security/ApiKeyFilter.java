package jp.shinkin.otp.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;

/**
 * Every {@code /v1/} call needs {@code Authorization: Bearer <key>}: no or unknown key → 401
 * E4010; a key of the wrong role → 403 E4030. Health and web pages need no key.
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter implements Ordered {
    public static final String ROLE_ATTRIBUTE = "otp.role";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        Optional<Role> role = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? keys.roleOf(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (role.isEmpty()) {
            return Problems.response("E4010", "send Authorization: Bearer <API key>", null);
        }
        Role required = Role.requiredFor(request.getPath());
        if (role.get() != required) {
            return Problems.response("E4030", "this endpoint needs the " + required.name().toLowerCase(java.util.Locale.ROOT)
                    + " role", null);
        }
        request.setAttribute(ROLE_ATTRIBUTE, role.get());
        return null;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }
}
