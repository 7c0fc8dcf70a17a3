package jp.shinkin.otp.domain.otp;

import java.util.Locale;

/** The HMAC functions RFC 6238 allows, with the names used by the JCE and by otpauth URIs. */
public enum HmacAlgorithm {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jceName;

    HmacAlgorithm(String jceName) {
        this.jceName = jceName;
    }

    public String jceName() {
        return jceName;
    }

    /** Parses the otpauth spelling ("SHA1", "sha256", ...). */
    public static HmacAlgorithm fromUriName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported OTP algorithm: " + name, e);
        }
    }
}
