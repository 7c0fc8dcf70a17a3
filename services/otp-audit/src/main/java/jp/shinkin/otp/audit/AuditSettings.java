package jp.shinkin.otp.audit;

import java.util.Optional;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.NamedKeys;
import jp.shinkin.otp.domain.crypto.TransportKeys;

/**
 * Where the platform is and the keys the tool needs. Keys are needed only by
 * {@code verify-decisions} (to re-open sealed codes and seeds) and
 * {@code rewrap-keys}; never printed.
 */
public record AuditSettings(String bootstrapServers, String registryUrl, String topicPrefix, String serviceUrl,
                            String operationsKey, Optional<KekRing> keks, Optional<TransportKeys> transportKeys,
                            OtpPolicy policy) {

    public AuditSettings withPolicy(OtpPolicy other) {
        return new AuditSettings(bootstrapServers, registryUrl, topicPrefix, serviceUrl, operationsKey, keks, transportKeys, other);
    }

    public String topic(jp.shinkin.otp.messaging.Topic<?, ?> topic) {
        return topicPrefix + topic.name();
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
                TransportKeys.DEFAULT_PERIOD, java.time.Clock.systemUTC()));
    }

    @Override
    public String toString() {
        return "AuditSettings[bootstrap=" + bootstrapServers + ", registry=" + registryUrl + ", service=" + serviceUrl + "]";
    }
}
