package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals submitted codes for their trip through the command topic (AES-256-GCM under the
 * period's transport key, {@link TransportKeys}), so no code rests in clear on a topic or in a changelog.
 */
public final class CodeSealer {
    private static final byte[] CONTEXT = "otp-submitted-code".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINGERPRINT_CONTEXT = "otp-request-fingerprint-v1".getBytes(StandardCharsets.UTF_8);

    private final TransportKeys keys;
    /** One per loaded master, the newest first: a retry across a master rotation is still the same request. */
    private final List<SecretKeySpec> fingerprintKeys;
    private final AesGcm gcm;

    public CodeSealer(TransportKeys keys, SecureRandom random) {
        this.keys = keys;
        // Derived once: every fingerprint is an HMAC under it, never under a master itself.
        this.fingerprintKeys = keys.fingerprintKeys(FINGERPRINT_CONTEXT);
        this.gcm = new AesGcm(random);
    }

    /** One master key, periods of a minute by the system clock (tools and tests). */
    public CodeSealer(String masterId, byte[] master, SecureRandom random) {
        this(TransportKeys.single(masterId, master), random);
    }

    public Sealed seal(String code) {
        TransportKeys.PeriodKey key = keys.current();
        return gcm.seal(key.id(), key.key(), code.getBytes(StandardCharsets.UTF_8), CONTEXT);
    }

    /**
     * A keyed digest of a request that carries a code, so a retry can be recognised as the same
     * request without keeping the code: HMAC-SHA256 under a key derived from the newest transport
     * master (older masters' keys still match, {@link #fingerprintMatches}) (a plain hash of a 6-digit code would be reversed by trying a million codes).
     */
    public byte[] fingerprint(String canonicalRequest) {
        return TransportKeys.hmac(fingerprintKeys.get(0), canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code stored} is this request's fingerprint under any loaded master (constant-time comparisons). */
    public boolean fingerprintMatches(byte[] stored, String canonicalRequest) {
        byte[] request = canonicalRequest.getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (SecretKeySpec key : fingerprintKeys) {
            matched |= MessageDigest.isEqual(stored, TransportKeys.hmac(key, request));
        }
        return matched;
    }

    /** @throws SecretUnavailableException when sealed under a key no loaded master makes, or altered */
    public String open(Sealed sealed) {
        return new String(gcm.open(keys.forId(sealed.keyId()), sealed, CONTEXT), StandardCharsets.UTF_8);
    }
}
