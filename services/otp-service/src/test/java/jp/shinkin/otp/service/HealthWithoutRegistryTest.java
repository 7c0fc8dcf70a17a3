package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.testkit.KafkaPlatform;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Health must not say UP when a part the platform needs is missing: here, the registry. */
@PlatformTest
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthWithoutRegistryTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaPlatform.shared().bootstrapServers(),
                "otp.messaging.registry-url", "http://localhost:" + Ports.anyFree(),
                "otp.api-keys.channel", HttpCalls.CHANNEL_KEY,
                "otp.api-keys.operations", HttpCalls.OPERATIONS_KEY,
                "micronaut.server.port", "-1");
    }

    @Test
    void healthIsDownWhenTheRegistryIsUnreachable() throws Exception {
        HttpResponse<String> health = new HttpCalls(server.getURI()).get("/health", null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("schemaRegistry");
    }
}
