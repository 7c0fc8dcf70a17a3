package jp.shinkin.otp.service.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/** UP only when the schema registry answers its readiness check: no registry, no events. */
@Singleton
public class SchemaRegistryHealthIndicator implements HealthIndicator {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI ready;

    public SchemaRegistryHealthIndicator(MessagingConfiguration configuration) {
        this.ready = URI.create(configuration.getRegistryUrl() + "/health/ready");
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).GET().build();
        return Publishers.fromCompletableFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200
                        ? HealthResult.builder("schemaRegistry", HealthStatus.UP).details(Map.of("url", ready.toString())).build()
                        : HealthResult.builder("schemaRegistry", HealthStatus.DOWN).details(Map.of("status", r.statusCode())).build())
                .exceptionally(e -> HealthResult.builder("schemaRegistry", HealthStatus.DOWN)
                        .details(Map.of("error", e.getClass().getSimpleName())).build()));
    }
}
