package jp.shinkin.otp.service.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import jp.shinkin.otp.service.messaging.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/**
 * UP when the brokers answer a cluster description, asked with the same client settings as every
 * other Kafka client of the service (TLS, SASL: {@link KafkaClients}), so the health check cannot
 * pass on settings the real clients do not have (micronaut-kafka's own check reads {@code kafka.*}
 * only, and is off).
 */
@Singleton
public class BrokerHealthIndicator implements HealthIndicator {
    private final Admin admin;

    public BrokerHealthIndicator(KafkaClients clients) {
        Map<String, Object> config = clients.base();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "otp-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        this.admin = Admin.create(config);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        return Publishers.fromCompletableFuture(() -> cluster.nodes().toCompletionStage().toCompletableFuture()
                .thenApply(nodes -> HealthResult.builder("kafka", HealthStatus.UP).details(Map.of("brokers", nodes.size())).build())
                .exceptionally(e -> HealthResult.builder("kafka", HealthStatus.DOWN)
                        .details(Map.of("error", e.getClass().getSimpleName())).build()));
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
