package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.shinkin.otp.audit.AuditSettings;
import jp.shinkin.otp.audit.FraudReset;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.Test;

/**
 * The Kafka Streams application reset, as the README documents it for the fraud-analytics
 * application: stop, {@code otp-audit reset-fraud}, start on an empty state directory → the whole
 * event log is processed again and the same alerts come out with the same IDs.
 */
@PlatformTest
class FraudResetTest {
    @Test
    void aResetFraudApplicationReprocessesTheLogAndRepeatsTheSameAlertIds() throws Exception {
        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instance();
            ServiceInstance first = new ServiceInstance(properties, slice.clock);
            List<String> before;
            try {
                first.awaitHealthy();
                Banking bank = new Banking(first, slice);
                Banking.Token token = bank.provision("mobile");
                assertThat(bank.open("FR-1", "Reset-Pass-1").status()).isEqualTo(201);
                assertThat(bank.register("FR-1", "Reset-Pass-1", token).code()).isEqualTo("00001");
                String wrong = bank.code(token).equals("000000") ? "000001" : "000000";
                for (int i = 0; i < 5; i++) {
                    bank.verify("FR-1", wrong, "LOGIN");
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> alertIds(bank).size() == 2);
                before = alertIds(bank);
            } finally {
                first.close();
            }

            AuditSettings settings = new AuditSettings(slice.platform.bootstrapServers(), slice.platform.registryUrl(),
                    slice.prefix, "", HttpCalls.OPERATIONS_KEY, Optional.empty(), Optional.empty(), OtpPolicy.DEFAULT);
            assertThat(FraudReset.run(settings)).isZero();

            properties.put("otp.credentials.state-dir", Files.createTempDirectory("otp-after-reset").toString());
            ServiceInstance second = new ServiceInstance(properties, slice.clock);
            try {
                second.awaitHealthy();
                Banking bank = new Banking(second, slice);
                await().atMost(Duration.ofSeconds(60)).until(() -> alertIds(bank).size() == 4);
                Map<String, Long> counts = alertIds(bank).stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
                assertThat(counts).containsOnlyKeys(before).allSatisfy((id, n) -> assertThat(n).isEqualTo(2L));
            } finally {
                second.close();
            }
        }
    }

    private static List<String> alertIds(Banking bank) throws Exception {
        Banking.Answer alerts = bank.call("GET", "/v1/ops/alerts?contractId=FR-1", HttpCalls.OPERATIONS_KEY, "", null);
        return alerts.list("alerts").stream().map(a -> (String) a.get("alertId")).sorted().toList();
    }
}
