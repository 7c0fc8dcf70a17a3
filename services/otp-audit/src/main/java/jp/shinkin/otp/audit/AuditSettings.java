package jp.shinkin.otp.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.NamedKeys;
import jp.shinkin.otp.domain.crypto.TransportKeys;
import jp.shinkin.otp.messaging.Topic;

/**
 * Where the platform is and the keys the tool needs. Keys are needed only by
 * {@code verify-decisions} (to re-open sealed codes and seeds) and
 * {@code rewrap-keys}; never printed.
 *
 * @param scratch where {@code rebuild} and {@code verify-decisions} keep what they remember of the
 *                log (a folder of their own inside, deleted at the end)
 */
public record AuditSettings(String bootstrapServers, String registryUrl, String topicPrefix, String serviceUrl,
                            String operationsKey, Optional<KekRing> keks, Optional<TransportKeys> transportKeys,
                            OtpPolicy policy, Path scratch) {

    public AuditSettings(String bootstrapServers, String registryUrl, String topicPrefix, String serviceUrl, String operationsKey,
                         Optional<KekRing> keks, Optional<TransportKeys> transportKeys, OtpPolicy policy) {
        this(bootstrapServers, registryUrl, topicPrefix, serviceUrl, operationsKey, keks, transportKeys, policy,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public AuditSettings withPolicy(OtpPolicy other) {
        return new AuditSettings(bootstrapServers, registryUrl, topicPrefix, serviceUrl, operationsKey, keks, transportKeys, other,
                scratch);
    }

    /**
     * The Kafka client security settings, from the same variables the service reads
     * ({@code OTP_KAFKA_SECURITY_PROTOCOL}, {@code OTP_KAFKA_SASL_*}, {@code OTP_KAFKA_TRUSTSTORE_*},
     * {@code OTP_KAFKA_KEYSTORE_*}); empty ones left out, so PLAINTEXT needs none.
     */
    public Map<String, Object> kafkaClient() {
        Map<String, String> names = Map.of("security.protocol", "OTP_KAFKA_SECURITY_PROTOCOL",
                "sasl.mechanism", "OTP_KAFKA_SASL_MECHANISM", "sasl.jaas.config", "OTP_KAFKA_SASL_JAAS_CONFIG",
                "ssl.truststore.location", "OTP_KAFKA_TRUSTSTORE_LOCATION", "ssl.truststore.password", "OTP_KAFKA_TRUSTSTORE_PASSWORD",
                "ssl.keystore.location", "OTP_KAFKA_KEYSTORE_LOCATION", "ssl.keystore.password", "OTP_KAFKA_KEYSTORE_PASSWORD",
                "ssl.key.password", "OTP_KAFKA_KEY_PASSWORD");
        Map<String, Object> config = new HashMap<>();
        names.forEach((property, variable) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                config.put(property, value);
            }
        });
        return config;
    }

    public String topic(Topic<?, ?> topic) {
        return topic.nameIn(topicPrefix);
    }

    /** The KEKs as the service loads them (newest, then OTP_PREVIOUS_KEKS); empty when no KEK is given. */
    static Optional<KekRing> keks(String id, String base64, String previous) {
        if (base64 == null || base64.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(KekRing.of(NamedKeys.read("OTP_KEK_BASE64", id, base64, previous)));
    }

    static Optional<TransportKeys> transportKeys(String id, String base64, String previous) {
        if (base64 == null || base64.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new TransportKeys(NamedKeys.read("OTP_TRANSPORT_KEY_BASE64", id, base64, previous),
                TransportKeys.DEFAULT_PERIOD, Clock.systemUTC()));
    }

    @Override
    public String toString() {
        return "AuditSettings[bootstrap=" + bootstrapServers + ", registry=" + registryUrl + ", service=" + serviceUrl + "]";
    }
}
