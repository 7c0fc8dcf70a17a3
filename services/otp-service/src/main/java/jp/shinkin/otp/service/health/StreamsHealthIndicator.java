package jp.shinkin.otp.service.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.shinkin.otp.service.hosting.CredentialStreams;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * UP only while the credential topology is RUNNING (not starting, rebalancing or failed). While it
 * is not, the details say why: {@code restoring} (changelog offsets restored of the total, the store
 * partitions under way) for an instance catching up from its changelogs — wait for it — apart
 * from a failed topology ({@code ERROR}, {@code NOT_RUNNING}: restart it).
 */
@Singleton
public class StreamsHealthIndicator implements HealthIndicator {
    private final CredentialStreams streams;

    public StreamsHealthIndicator(CredentialStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.streams().state();
        HealthStatus status = state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
            details.put("reason", "the topology stopped: restart the instance");
        } else {
            streams.restoreProgress().current().ifPresent(r -> {
                details.put("reason", String.format(Locale.ROOT, "restoring its stores: %,d of %,d changelog offsets", r.restored(), r.total()));
                details.put("restoring", Map.of("restored", r.restored(), "total", r.total(), "partitions", r.partitions()));
            });
        }
        return Publishers.just(HealthResult.builder("credentialTopology", status).details(details).build());
    }
}
