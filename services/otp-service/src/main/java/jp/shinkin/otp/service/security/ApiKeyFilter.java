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
 * Every {@code /v1/} call needs {@code Authorization: Bearer <credential>}. An API key (the
 * channel's, or a service job's) is checked here, on the event loop: unknown → 401 E4010, not
 * allowed here → 403 E4030. A staff access token on an operations path is left to
 * {@link StaffTokenFilter}, which may have to fetch the provider's keys. Health and pages need none.
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter implements Ordered {
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        String credential = bearer(request);
        if (credential == null) {
            return Problems.response("E4010", "send Authorization: Bearer <API key or access token>", null);
        }
        if (StaffTokens.looksLikeJwt(credential) && AccessPolicy.isOperations(request.getPath())) {
            return null;
        }
        Optional<Caller> caller = keys.callerOf(credential);
        if (caller.isEmpty()) {
            return Problems.response("E4010", "send Authorization: Bearer <API key or access token>", null);
        }
        return StaffTokenFilter.admit(request, caller.get());
    }

    @Nullable
    static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String credential = header.substring(BEARER.length()).strip();
        return credential.isEmpty() || credential.length() > 8192 ? null : credential;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }
}
