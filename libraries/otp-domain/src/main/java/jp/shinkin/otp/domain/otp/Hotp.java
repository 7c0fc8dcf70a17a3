package jp.shinkin.otp.domain.otp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HOTP (RFC 4226): an HMAC over a moving counter, dynamically truncated to a short decimal code. */
public final class Hotp {
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Hotp() {
    }

    public static String generate(byte[] secret, long counter, int digits, HmacAlgorithm algorithm) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8, was " + digits);
        }
        byte[] hash = hmac(secret, ByteBuffer.allocate(Long.BYTES).putLong(counter).array(), algorithm);
        int binary = truncate(hash);
        int code = binary % POWERS_OF_TEN[digits];
        return zeroPad(code, digits);
    }

    /** Dynamic truncation, RFC 4226 §5.3: four bytes at an offset chosen by the last nibble. */
    static int truncate(byte[] hash) {
        int offset = hash[hash.length - 1] & 0x0f;
        return ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
    }

    /**
     * Compares two codes in time independent of where they differ, so a caller cannot learn a code
     * digit by digit from response times.
     */
    public static boolean codesEqual(String expected, String submitted) {
        byte[] a = expected.getBytes(StandardCharsets.US_ASCII);
        byte[] b = submitted.getBytes(StandardCharsets.US_ASCII);
        try {
            return MessageDigest.isEqual(a, b);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    private static byte[] hmac(byte[] secret, byte[] message, HmacAlgorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.jceName());
            mac.init(new SecretKeySpec(secret, algorithm.jceName()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
        }
    }

    private static String zeroPad(int code, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = (char) ('0' + code % 10);
            code /= 10;
        }
        return new String(out);
    }
}
