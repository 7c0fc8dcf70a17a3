package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import jp.shinkin.otp.service.messaging.BrokerSafety;
import jp.shinkin.otp.service.messaging.StartupRefused;
import jp.shinkin.otp.service.security.ProductionSafety;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.Test;

/** Outside the dev (and test) profile, the service does not start on the published dev keys and replication 1. */
@PlatformTest
class ProductionSafetyStartTest {
    @Test
    void theServiceRefusesToStartOnDevKeysAndNamesEachProblem() {
        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instance();
            properties.put("otp.crypto.kek", "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYmI=");
            properties.put("otp.staff-identity.allow-plain-http", "false");
            assertThat(refusal(properties, ProductionSafety.class)).contains("OTP_REPLICATION_FACTOR is 1",
                    "OTP_KEK_BASE64 is the published dev key", "OTP_ADVERTISED_URL is plain HTTP", "OTP_STAFF_ISSUER")
                    .doesNotContain("\n");
        }
    }

    @Test
    void withSafeSettingsItStillRefusesTopicsThatOneBrokersLossCouldEmpty() {
        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instance();
            properties.put("otp.credentials.streams.replication.factor", "3");
            properties.put("otp.credentials.advertised-url", "https://otp-1.bank.example:8443");
            properties.put("otp.api-keys.channel", "sha256:" + "ab".repeat(32));
            properties.put("otp.api-keys.operations", "sha256:" + "cd".repeat(32));
            // The test broker is one broker: every topic has 1 replica and min.insync.replicas 1.
            assertThat(refusal(properties, BrokerSafety.class))
                    .contains(slice.prefix + "otp.commands has 1 replica(s) and min.insync.replicas 1")
                    .doesNotContain("OTP_KEK_BASE64").doesNotContain("\n");
        }
    }

    /** Starts a context as production does (no environment deduced from the test classpath); the refusal's message. */
    private static String refusal(Map<String, Object> properties, Class<?> check) {
        Throwable failure = catchThrowable(() -> {
            try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(properties)
                    .start()) {
                context.getBean(check);
            }
        });
        Throwable refused = failure;
        while (refused != null && !(refused instanceof StartupRefused)) {
            refused = refused.getCause();
        }
        assertThat(refused).as("refused, not any failure: " + failure).isNotNull();
        return refused.getMessage();
    }
}
