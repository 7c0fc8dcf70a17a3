package jp.shinkin.otp.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;
import java.util.Optional;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.limits.RateLimits;

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
    private final RateLimits limits;

    public ApiKeyFilter(ApiKeys keys, RateLimits limits) {
        this.keys = keys;
        this.limits = limits;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        String credential = bearer(request);
        if (credential != null && StaffTokens.looksLikeJwt(credential) && AccessPolicy.isOperations(request.getPath())) {
            return null;
        }
        Optional<Caller> caller = credential == null ? Optional.empty() : keys.callerOf(credential);
        if (caller.isEmpty()) {
            return refused(request, limits, Problems.response("E4010", "send Authorization: Bearer <API key or access token>", null));
        }
        return StaffTokenFilter.admit(request, caller.get());
    }

    /** A wrong credential's answer, or 429 once its address has had too many (a guesser learns nothing more). */
    static MutableHttpResponse<Problem> refused(HttpRequest<?> request, RateLimits limits,
                                                MutableHttpResponse<Problem> answer) {
        String address = request.getRemoteAddress().getAddress() == null ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
        Optional<Duration> wait = limits.wrongCredential(address);
        if (wait.isEmpty()) {
            return answer;
        }
        return Problems.response("E4290", "too many wrong credentials from this address; retry later", null)
                .header("Retry-After", Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
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
