package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals submitted codes for their trip through the command topic (AES-256-GCM under the platform's
 * transport key), so no code rests in clear on a topic or in a changelog.
 */
public final class CodeSealer {
    private static final byte[] CONTEXT = "otp-submitted-code".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINGERPRINT_CONTEXT = "otp-request-fingerprint-v1".getBytes(StandardCharsets.UTF_8);

    private final String keyId;
    private final SecretKey key;
    private final SecretKeySpec fingerprintKey;
    private final AesGcm gcm;

    public CodeSealer(String keyId, byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the transport key must be 256-bit");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(key, "AES");
        // Derived once: every fingerprint is an HMAC under it, never under the transport key itself.
        this.fingerprintKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), FINGERPRINT_CONTEXT), "HmacSHA256");
        this.gcm = new AesGcm(random);
    }

    public Sealed seal(String code) {
        return gcm.seal(keyId, key, code.getBytes(StandardCharsets.UTF_8), CONTEXT);
    }

    /**
     * A keyed digest of a request that carries a code, so a retry can be recognised as the same
     * request without keeping the code: HMAC-SHA256 under a key derived from the transport key
     * (a plain hash of a 6-digit code would be reversed by trying a million codes).
     */
    public byte[] fingerprint(String canonicalRequest) {
        return hmac(fingerprintKey, canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** @throws SecretUnavailableException when sealed under another key or altered */
    public String open(Sealed sealed) {
        if (!keyId.equals(sealed.keyId())) {
            throw new SecretUnavailableException("code sealed under another transport key");
        }
        return new String(gcm.open(key, sealed, CONTEXT), StandardCharsets.UTF_8);
    }
}
