package jp.shinkin.otp.service.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import jp.shinkin.otp.domain.crypto.NamedKeys;
import jp.shinkin.otp.domain.crypto.TransportKeys;

/**
 * Keys from configuration or a secret store: the key-encryption keys that wrap every token's data
 * key, and the transport master keys from which the keys that seal codes on the command topic are
 * derived. Base64 of 32 random bytes each, each with an ID; the newest seals, the previous ones
 * still open. Dev defaults exist only in application-dev.yml.
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
    /** Older KEKs still loaded for opening ({@code id:base64,...}) until the re-wrap has moved every data key. */
    private String previousKeks = "";
    /** Older transport masters: codes sealed under them still open (command log, audit). */
    private String previousTransportKeys = "";
    /** Each period gets its own derived transport key (TransportKeys). */
    private Duration transportKeyPeriod = TransportKeys.DEFAULT_PERIOD;

    /** Every loaded KEK by ID, the newest first. */
    public Map<String, byte[]> keks() {
        return NamedKeys.read("otp.crypto.kek", kekId, kek, previousKeks);
    }

    /** Every loaded transport master by ID, the newest first. */
    public Map<String, byte[]> transportMasters() {
        return NamedKeys.read("otp.crypto.transport-key", transportKeyId, transportKey,
                previousTransportKeys);
    }

    public String getPreviousKeks() {
        return previousKeks;
    }

    public void setPreviousKeks(String previousKeks) {
        this.previousKeks = previousKeks;
    }

    public String getPreviousTransportKeys() {
        return previousTransportKeys;
    }

    public void setPreviousTransportKeys(String previousTransportKeys) {
        this.previousTransportKeys = previousTransportKeys;
    }

    public Duration getTransportKeyPeriod() {
        return transportKeyPeriod;
    }

    public void setTransportKeyPeriod(Duration transportKeyPeriod) {
        this.transportKeyPeriod = transportKeyPeriod;
    }

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
        return "CryptoConfiguration[kekId=" + kekId + ", transportKeyId=" + transportKeyId + ", period=" + transportKeyPeriod + "]";
    }
}
