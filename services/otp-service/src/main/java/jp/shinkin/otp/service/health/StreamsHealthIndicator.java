package jp.shinkin.otp.service.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import jp.shinkin.otp.service.credentials.CredentialStreams;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** UP only while the credential topology is RUNNING (not starting, rebalancing or failed). */
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
        return Publishers.just(HealthResult.builder("credentialTopology", status).details(Map.of("state", state.name())).build());
    }
}
