package jp.shinkin.otp.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a bank's service refuses to start on outside the dev profile. */
class ProductionSafetyTest {
    private static final Map<String, String> OWN_KEYS = Map.of("OTP_KEK_BASE64", "b3duLWtleS0xLW5vdC1wdWJsaXNoZWQtYW55d2hlcmU=",
            "OTP_CHANNEL_API_KEY", "sha256:" + "ab".repeat(32));

    @Test
    void aProductionLikeSettingPasses() {
        assertThat(ProductionSafety.problems(new ProductionSafety.Settings("3", "https://otp-1.bank.internal:8443", false,
                OWN_KEYS))).isEmpty();
    }

    @Test
    void replicationOneDevKeysAndPlainHttpAreEachNamed() {
        var problems = ProductionSafety.problems(new ProductionSafety.Settings("1", "http://otp-1:8080", false,
                Map.of("OTP_KEK_BASE64", "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYmI=", "OTP_OPERATIONS_API_KEY", "dev-operations-key",
                        "OTP_CHANNEL_API_KEY", "a-long-random-channel-key")));
        assertThat(problems).hasSize(5);
        assertThat(String.join("\n", problems)).contains("OTP_REPLICATION_FACTOR is 1", "OTP_KEK_BASE64 is the published dev key",
                "OTP_OPERATIONS_API_KEY is the published dev key", "OTP_CHANNEL_API_KEY is given in clear",
                "OTP_ADVERTISED_URL is plain HTTP");
    }

    @Test
    void anIdentityProviderOverPlainHttpIsNamed() {
        assertThat(ProductionSafety.problems(new ProductionSafety.Settings("3", "https://x", false, OWN_KEYS, false)))
                .singleElement().asString().contains("OTP_STAFF_ISSUER");
    }

    @Test
    void plainHttpBetweenInstancesOnlyWhenSaidSo() {
        assertThat(ProductionSafety.problems(new ProductionSafety.Settings("3", "http://otp-service:8080", true, OWN_KEYS)))
                .isEmpty();
        assertThat(ProductionSafety.problems(new ProductionSafety.Settings("two", "https://x", false, OWN_KEYS)))
                .singleElement().asString().contains("OTP_REPLICATION_FACTOR is two");
    }

    @Test
    void aDevKeyKeptAsAPreviousKeyIsNamed() {
        var problems = ProductionSafety.problems(new ProductionSafety.Settings("3", "https://x", false, Map.of(
                "OTP_PREVIOUS_KEKS", "kek-0:b3duLWtleS0xLW5vdC1wdWJsaXNoZWQtYW55d2hlcmU=,kek-dev:ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYmI=",
                "OTP_PREVIOUS_TRANSPORT_KEYS", "transport-0:b3duLWtleS0xLW5vdC1wdWJsaXNoZWQtYW55d2hlcmU=")));
        assertThat(problems).singleElement().asString().startsWith("OTP_PREVIOUS_KEKS is the published dev key");
        assertThat(ProductionSafety.problems(new ProductionSafety.Settings("3", "https://x", false,
                Map.of("OTP_TRANSPORT_KEY_BASE64", "ZGV2LW9ubHktdHJhbnNwb3J0LWtleS0zMmJ5dGVzISE"))))
                .as("the dev key without its base64 padding").singleElement().asString()
                .startsWith("OTP_TRANSPORT_KEY_BASE64 is the published dev key");
    }
}
