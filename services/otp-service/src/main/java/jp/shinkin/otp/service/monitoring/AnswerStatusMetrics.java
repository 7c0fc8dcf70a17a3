package jp.shinkin.otp.service.monitoring;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import jp.shinkin.otp.service.metrics.PlatformMetrics;
import jp.shinkin.otp.service.routing.OwnerForwarding;

/**
 * Counts the answers operations alert on (429 rate-limited, 503 E5030), by the API area that gave
 * them, at the instance that answered the client. Runs before the key, token and rate filters, so
 * it sees the answers they give themselves.
 */
@ServerFilter("/v1/**")
public class AnswerStatusMetrics implements Ordered {
    private final PlatformMetrics metrics;
    private final OwnerForwarding forwarding;

    public AnswerStatusMetrics(PlatformMetrics metrics, OwnerForwarding forwarding) {
        this.metrics = metrics;
        this.forwarding = forwarding;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 50;
    }

    @ResponseFilter
    public void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if ((status == 429 || status == 503) && !forwarding.isForwarded(request)) {
            metrics.answered(status, area(request.getPath()));
        }
    }

    /** {@code /v1/verifications} → {@code verifications}; {@code /v1/ops/contracts/C-1/unlock} → {@code ops}: few, fixed values. */
    static String area(String path) {
        String[] parts = path.split("/");
        if (parts.length < 3) {
            return "other";
        }
        return switch (parts[2]) {
            case "verifications", "sessions", "otp", "transfers", "contracts", "tokens", "ops" -> parts[2];
            default -> "other";
        };
    }
}
