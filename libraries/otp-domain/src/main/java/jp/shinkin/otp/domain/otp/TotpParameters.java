package jp.shinkin.otp.domain.otp;

import java.time.Instant;

/** How a token turns time into codes (RFC 6238): algorithm, code length and step length. */
public record TotpParameters(HmacAlgorithm algorithm, int digits, int periodSeconds) {
    public static final TotpParameters DEFAULT = new TotpParameters(HmacAlgorithm.SHA1, 6, 30);

    public TotpParameters {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8, was " + digits);
        }
        if (periodSeconds < 1 || periodSeconds > 300) {
            throw new IllegalArgumentException("period must be 1 to 300 s, was " + periodSeconds);
        }
    }

    /** The time step T of RFC 6238 §4.2 (T0 = Unix epoch). */
    public long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), periodSeconds);
    }

    /** When the given step ends, so a client can show how long a code stays valid. */
    public Instant stepEnd(long step) {
        return Instant.ofEpochSecond((step + 1) * periodSeconds);
    }
}
