package jp.shinkin.otp.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.limits.RateLimits;

/**
 * A staff access token on an operations path: checked against the identity provider
 * ({@link StaffTokens}) off the event loop, since the provider's keys may have to be fetched.
 * Wrong, expired, foreign or unsigned → 401 E4010 saying which check failed; provider down →
 * 503 E5030; a role that may not do this → 403 E4030.
 */
@ServerFilter("/v1/ops/**")
public class StaffTokenFilter implements Ordered {
    private final StaffTokens tokens;
    private final RateLimits limits;

    public StaffTokenFilter(StaffTokens tokens, RateLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        if (request.getAttribute(Caller.ATTRIBUTE).isPresent()) {
            return null;
        }
        String credential = ApiKeyFilter.bearer(request);
        if (credential == null) {
            return ApiKeyFilter.refused(request, limits,
                    Problems.response("E4010", "send Authorization: Bearer <API key or access token>", null));
        }
        try {
            return admit(request, tokens.verify(credential));
        } catch (StaffTokens.Rejected e) {
            return ApiKeyFilter.refused(request, limits, Problems.response("E4010", "the access token is not accepted: "
                    + e.getMessage(), null).header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        } catch (StaffTokens.Unreachable e) {
            return Problems.response("E5030", e.getMessage() + "; retry shortly", null);
        }
    }

    /** Attaches the caller, or answers 403 when its role may not make this call. */
    @Nullable
    static MutableHttpResponse<Problem> admit(HttpRequest<?> request, Caller caller) {
        Optional<String> refusal = AccessPolicy.refusal(caller, request.getMethod(), request.getPath());
        if (refusal.isPresent()) {
            return Problems.response("E4030", refusal.get(), null);
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        request.setAttribute(RateLimits.CALLER_ATTRIBUTE, caller.rateKey());
        return null;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 110;
    }
}
