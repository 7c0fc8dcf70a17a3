package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.Test;

/** Health must not say UP when a part the platform needs is missing: here, the registry. */
@PlatformTest
class HealthWithoutRegistryTest {
    @Test
    void healthIsDownWhenTheRegistryIsUnreachable() throws Exception {
        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instance();
            properties.put("otp.messaging.registry-url", "http://localhost:" + Ports.anyFree());
            try (ServiceInstance service = new ServiceInstance(properties, slice.clock)) {
                HttpResponse<String> health = service.http().get("/health", null);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("schemaRegistry");
            }
        }
    }
}
