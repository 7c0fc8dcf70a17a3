package jp.shinkin.otp.service.flows;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Base64;

/** {@code otp.sessions}: the HMAC key of session tokens (base64 of 32 bytes) and their lifetimes. */
@ConfigurationProperties("otp.sessions")
public class SessionConfiguration {
    @NotBlank
    private String key;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration maxLifetime = Duration.ofHours(12);

    byte[] keyBytes() {
        try {
            byte[] bytes = Base64.getDecoder().decode(key.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("otp.sessions.key must be 32 bytes, base64-encoded");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("otp.sessions.key is not valid base64", e);
        }
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
        return "SessionConfiguration[idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime + "]";
    }
}
