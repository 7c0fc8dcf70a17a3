package jp.shinkin.otp.domain.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes encrypted with AES-GCM: the 96-bit nonce and the ciphertext with its 128-bit tag.
 * {@code keyId} names the key that opens it (a KEK id for wrapped keys, a token ID for seeds).
 */
public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    public Sealed {
        Objects.requireNonNull(keyId, "keyId");
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sealed other && keyId.equals(other.keyId)
                && Arrays.equals(nonce, other.nonce) && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
