package jp.shinkin.otp.domain.otp;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Checks a submitted code against a token. Pure: the caller passes the time, the token's last
 * accepted step and its drift, and records what comes back. Every candidate step in the window is
 * computed and compared, whether or not an earlier one matched, so the time taken does not say
 * which step (if any) matched.
 */
public final class TotpVerifier {
    private final VerificationWindow window;

    public TotpVerifier(VerificationWindow window) {
        this.window = window;
    }

    public OtpCheck check(byte[] secret, TotpParameters parameters, String code, Instant now,
                          OptionalLong lastAcceptedStep, int drift) {
        if (!wellFormed(code, parameters)) {
            return new OtpCheck.NoMatch();
        }
        long nowStep = parameters.stepAt(now);
        long expected = nowStep + drift;
        long freshMatch = Long.MIN_VALUE;
        long usedMatch = Long.MIN_VALUE;
        for (long step = expected - window.stepsBehind(); step <= expected + window.stepsAhead(); step++) {
            boolean equal = Hotp.codesEqual(Totp.codeForStep(secret, step, parameters), code);
            boolean fresh = lastAcceptedStep.isEmpty() || step > lastAcceptedStep.getAsLong();
            if (equal && fresh) {
                freshMatch = Math.max(freshMatch, step);
            } else if (equal) {
                usedMatch = Math.max(usedMatch, step);
            }
        }
        if (freshMatch != Long.MIN_VALUE) {
            return new OtpCheck.Matched(freshMatch, clampDrift(freshMatch - nowStep));
        }
        if (usedMatch != Long.MIN_VALUE) {
            return new OtpCheck.AlreadyUsed(usedMatch);
        }
        return new OtpCheck.NoMatch();
    }

    /**
     * Resynchronisation (RFC 6238 §6): two consecutive codes found within the wider bounded
     * window of {@code maxDriftSteps} around now re-anchor the token's drift. The accepted step is
     * that of the second code.
     */
    public OtpCheck resynchronise(byte[] secret, TotpParameters parameters, String firstCode, String secondCode,
                                  Instant now, OptionalLong lastAcceptedStep) {
        if (!wellFormed(firstCode, parameters) || !wellFormed(secondCode, parameters)) {
            return new OtpCheck.NoMatch();
        }
        long nowStep = parameters.stepAt(now);
        int span = window.maxDriftSteps();
        long match = Long.MIN_VALUE;
        String previous = Totp.codeForStep(secret, nowStep - span - 1, parameters);
        for (long step = nowStep - span; step <= nowStep + span; step++) {
            String current = Totp.codeForStep(secret, step, parameters);
            if (Hotp.codesEqual(previous, firstCode) & Hotp.codesEqual(current, secondCode)) {
                match = step;
            }
            previous = current;
        }
        if (match == Long.MIN_VALUE) {
            return new OtpCheck.NoMatch();
        }
        if (lastAcceptedStep.isPresent() && match - 1 <= lastAcceptedStep.getAsLong()) {
            return new OtpCheck.AlreadyUsed(match);
        }
        return new OtpCheck.Matched(match, clampDrift(match - nowStep));
    }

    private int clampDrift(long drift) {
        return (int) Math.max(-window.maxDriftSteps(), Math.min(window.maxDriftSteps(), drift));
    }

    /** Exactly {@code digits} ASCII digits; anything else cannot match and need not be hashed. */
    public static boolean wellFormed(String code, TotpParameters parameters) {
        if (code == null || code.length() != parameters.digits()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
