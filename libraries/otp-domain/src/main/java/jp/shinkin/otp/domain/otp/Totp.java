package jp.shinkin.otp.domain.otp;

import java.time.Instant;

/** TOTP (RFC 6238): HOTP over the time step. Time is always an argument, never read here. */
public final class Totp {
    private Totp() {
    }

    public static String codeAt(byte[] secret, Instant time, TotpParameters parameters) {
        return codeForStep(secret, parameters.stepAt(time), parameters);
    }

    public static String codeForStep(byte[] secret, long step, TotpParameters parameters) {
        return Hotp.generate(secret, step, parameters.digits(), parameters.algorithm());
    }
}
