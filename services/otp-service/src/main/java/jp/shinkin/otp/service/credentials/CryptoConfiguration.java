package jp.shinkin.otp.service.credentials;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * Keys from configuration or a secret store: the key-encryption key that wraps every token's data
 * key, and the transport key that seals codes on the command topic. Base64 of 32 random bytes each.
 * Dev defaults exist only in application-dev.yml.
 */
@ConfigurationProperties("otp.crypto")
public class CryptoConfiguration {
    @NotBlank
    private String kekId;
    @NotBlank
    private String kek;
    @NotBlank
    private String transportKeyId;
    @NotBlank
    private String transportKey;

    public String getKekId() {
        return kekId;
    }

    public void setKekId(String kekId) {
        this.kekId = kekId;
    }

    public String getKek() {
        return kek;
    }

    public void setKek(String kek) {
        this.kek = kek;
    }

    public String getTransportKeyId() {
        return transportKeyId;
    }

    public void setTransportKeyId(String transportKeyId) {
        this.transportKeyId = transportKeyId;
    }

    public String getTransportKey() {
        return transportKey;
    }

    public void setTransportKey(String transportKey) {
        this.transportKey = transportKey;
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "CryptoConfiguration[kekId=" + kekId + ", transportKeyId=" + transportKeyId + "]";
    }
}
