package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps a token's data key under a key-encryption key (AES-256-GCM, the token ID bound in as
 * associated data): under the ring's newest KEK when wrapping, under whichever KEK the wrapped key
 * names when unwrapping. {@link #rewrap} moves a wrapped key to the newest KEK without the seed
 * ever being opened.
 */
public final class DataKeyWrapping {
    private static final String KEY_CONTEXT = "otp-data-key:";

    private final KekRing keks;
    private final AesGcm gcm;

    public DataKeyWrapping(KekRing keks, SecureRandom random) {
        this.keks = Objects.requireNonNull(keks);
        this.gcm = new AesGcm(random);
    }

    public Sealed wrap(String tokenId, byte[] rawDataKey) {
        KeyEncryptionKey kek = keks.newest();
        return gcm.seal(kek.id(), kek.key(), rawDataKey, aad(tokenId));
    }

    /** The raw data key; the caller clears it after use. */
    public byte[] unwrap(String tokenId, Sealed wrapped) {
        KeyEncryptionKey kek = keks.find(wrapped.keyId()).orElseThrow(() -> new SecretUnavailableException(
                "data key of token " + tokenId + " is wrapped under KEK " + wrapped.keyId() + ", which is not loaded"));
        return gcm.open(kek.key(), wrapped, aad(tokenId));
    }

    SecretKey unwrapAsKey(String tokenId, Sealed wrapped) {
        byte[] raw = unwrap(tokenId, wrapped);
        try {
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** True when the key is wrapped under the newest KEK: nothing for a re-wrap to do. */
    public boolean isCurrent(Sealed wrapped) {
        return keks.newest().id().equals(wrapped.keyId());
    }

    /** The same data key, wrapped under the newest KEK (authenticated first: a forged key is refused). */
    public Sealed rewrap(String tokenId, Sealed wrapped) {
        byte[] raw = unwrap(tokenId, wrapped);
        try {
            return wrap(tokenId, raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public String newestKekId() {
        return keks.newest().id();
    }

    private static byte[] aad(String tokenId) {
        return (KEY_CONTEXT + tokenId).getBytes(StandardCharsets.UTF_8);
    }
}
