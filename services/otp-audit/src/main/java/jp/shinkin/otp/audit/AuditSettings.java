package jp.shinkin.otp.audit;

import java.util.Base64;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.OtpPolicy;

/**
 * Where the platform is and the keys the tool needs. Keys are needed only by
 * {@code verify-decisions} (to re-open sealed codes and seeds), never printed.
 */
public record AuditSettings(String bootstrapServers, String registryUrl, String topicPrefix, String serviceUrl,
                            String operationsKey, Optional<byte[]> kek, String kekId, Optional<byte[]> transportKey,
                            String transportKeyId, OtpPolicy policy) {

    public String topic(jp.shinkin.otp.messaging.Topic<?, ?> topic) {
        return topicPrefix + topic.name();
    }

    static Optional<byte[]> key(String base64) {
        if (base64 == null || base64.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Base64.getDecoder().decode(base64.strip()));
    }

    @Override
    public String toString() {
        return "AuditSettings[bootstrap=" + bootstrapServers + ", registry=" + registryUrl + ", service=" + serviceUrl + "]";
    }
}
