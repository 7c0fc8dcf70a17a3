package jp.shinkin.otp.service.limits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;
import java.util.Optional;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.routing.OwnerForwarding;

/** Per-caller token bucket (per API key, or per person), once the caller is known; requests forwarded between instances count once. */
@ServerFilter("/v1/**")
public class ApiKeyRateFilter implements Ordered {
    private final RateLimits limits;
    private final OwnerForwarding forwarding;

    public ApiKeyRateFilter(RateLimits limits, OwnerForwarding forwarding) {
        this.limits = limits;
        this.forwarding = forwarding;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> limit(HttpRequest<?> request) {
        Optional<String> caller = request.getAttribute(RateLimits.CALLER_ATTRIBUTE, String.class);
        if (caller.isEmpty() || forwarding.isForwarded(request)) {
            return null;
        }
        Optional<Duration> wait = limits.apiKey(caller.get());
        if (wait.isEmpty()) {
            return null;
        }
        return Problems.response("E4290", "too many requests for this API key; retry later", null)
                .header("Retry-After", Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 200;
    }
}
