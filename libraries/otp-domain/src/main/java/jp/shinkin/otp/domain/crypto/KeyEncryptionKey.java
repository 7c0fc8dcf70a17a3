package jp.shinkin.otp.domain.crypto;

import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key that wraps every per-token data key. It comes from configuration or a keystore,
 * never from a topic. {@code id} is stored beside each wrapped key so keys can be rotated.
 */
public record KeyEncryptionKey(String id, SecretKey key) {
    public KeyEncryptionKey {
        Objects.requireNonNull(id, "id");
        if (key == null || key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException("a key-encryption key must be 256-bit AES");
        }
    }

    public static KeyEncryptionKey fromBytes(String id, byte[] raw) {
        return new KeyEncryptionKey(id, new SecretKeySpec(raw, "AES"));
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[id=" + id + "]";
    }
}
