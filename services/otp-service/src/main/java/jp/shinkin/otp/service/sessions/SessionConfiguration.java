package jp.shinkin.otp.service.sessions;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import jp.shinkin.otp.domain.crypto.NamedKeys;

/**
 * {@code otp.sessions}: the HMAC key that signs session tokens (base64 of 32 bytes) and its ID,
 * the keys that signed earlier ones and are still accepted ({@code id:base64,...}), and the
 * lifetimes. Rotation: the new key becomes {@code key} with a new {@code key-id}, the old one goes
 * to {@code previous-keys} until its sessions have idled out (12 h at most): nobody is logged out.
 */
@ConfigurationProperties("otp.sessions")
public class SessionConfiguration {
    @NotBlank
    private String key;
    @NotBlank
    @Pattern(regexp = "[A-Za-z0-9-]{1,16}")
    private String keyId = "s1";
    private String previousKeys = "";
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration maxLifetime = Duration.ofHours(12);

    /** Every accepted key by its ID, the signing key first. */
    Map<String, byte[]> keysById() {
        return NamedKeys.read("otp.sessions.key", keyId, key, previousKeys);
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getPreviousKeys() {
        return previousKeys;
    }

    public void setPreviousKeys(String previousKeys) {
        this.previousKeys = previousKeys;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public Duration getMaxLifetime() {
        return maxLifetime;
    }

    public void setMaxLifetime(Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SessionConfiguration[keyId=" + keyId + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime + "]";
    }
}
