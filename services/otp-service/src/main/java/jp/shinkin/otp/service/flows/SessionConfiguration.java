package jp.shinkin.otp.service.flows;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Base64;

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
    @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9-]{1,16}")
    private String keyId = "s1";
    private String previousKeys = "";
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration maxLifetime = Duration.ofHours(12);

    byte[] keyBytes() {
        return decode(key, "otp.sessions.key");
    }

    /** Every accepted key by its ID, the signing key first. */
    java.util.Map<String, byte[]> keysById() {
        java.util.Map<String, byte[]> keys = new java.util.LinkedHashMap<>();
        keys.put(keyId, keyBytes());
        for (String entry : previousKeys == null ? new String[0] : previousKeys.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!id.matches("[A-Za-z0-9-]{1,16}") || keys.containsKey(id)) {
                throw new IllegalStateException("otp.sessions.previous-keys: each entry is <key id>:<base64 key>, IDs unique");
            }
            keys.put(id, decode(entry.substring(colon + 1), "otp.sessions.previous-keys[" + id + "]"));
        }
        return keys;
    }

    private static byte[] decode(String base64, String name) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException(name + " must be 32 bytes, base64-encoded");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64", e);
        }
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
