package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals submitted codes for their trip through the command topic (AES-256-GCM under the
 * period's transport key, {@link TransportKeys}), so no code rests in clear on a topic or in a changelog.
 */
public final class CodeSealer {
    private static final byte[] CONTEXT = "otp-submitted-code".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINGERPRINT_CONTEXT = "otp-request-fingerprint-v1".getBytes(StandardCharsets.UTF_8);

    private final TransportKeys keys;
    private final SecretKeySpec fingerprintKey;
    private final AesGcm gcm;

    public CodeSealer(TransportKeys keys, SecureRandom random) {
        this.keys = keys;
        // Derived once: every fingerprint is an HMAC under it, never under a master itself.
        this.fingerprintKey = keys.fingerprintKey(FINGERPRINT_CONTEXT);
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
     * master (a plain hash of a 6-digit code would be reversed by trying a million codes).
     */
    public byte[] fingerprint(String canonicalRequest) {
        return TransportKeys.hmac(fingerprintKey, canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws SecretUnavailableException when sealed under a key no loaded master makes, or altered */
    public String open(Sealed sealed) {
        return new String(gcm.open(keys.forId(sealed.keyId()), sealed, CONTEXT), StandardCharsets.UTF_8);
    }
}
