package jp.shinkin.otp.domain.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM with a random 96-bit nonce per message and the caller's associated data bound in.
 * Each thread keeps one cipher per instance: the JDK's AES engine keeps the expanded key of the
 * last key it was given, so an instance used with one key (the transport key, the KEK) expands it
 * once per thread instead of once per message (the key schedule was the largest crypto cost in
 * the verification profile).
 */
final class AesGcm {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random;
    /** Null for an instance whose key changes every call (data keys): nothing to save, and no key kept. */
    private final ThreadLocal<Cipher> ciphers;

    /** For one long-lived key (the transport key, the KEK): the cipher and its key schedule are kept per thread. */
    AesGcm(SecureRandom random) {
        this(random, true);
    }

    private AesGcm(SecureRandom random, boolean keepCipher) {
        this.random = random;
        this.ciphers = keepCipher ? ThreadLocal.withInitial(AesGcm::newCipher) : null;
    }

    /** For keys that change every call (per-token data keys): a fresh cipher each time, so no thread holds one. */
    static AesGcm perMessage(SecureRandom random) {
        return new AesGcm(random, false);
    }

    private Cipher cipher() {
        return ciphers == null ? newCipher() : ciphers.get();
    }

    Sealed seal(String keyId, SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return new Sealed(keyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    byte[] open(SecretKey key, Sealed sealed, byte[] associatedData) {
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SecretUnavailableException("ciphertext was altered or the key is wrong", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }
}
