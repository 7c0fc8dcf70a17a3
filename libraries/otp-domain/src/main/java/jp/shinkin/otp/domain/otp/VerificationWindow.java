package jp.shinkin.otp.domain.otp;

/**
 * How far from "now" a code may be (RFC 6238 §5.2 and §6).
 *
 * @param stepsBehind  steps before the expected one still accepted (typing and network delay)
 * @param stepsAhead   steps after the expected one accepted (a token clock running fast)
 * @param maxDriftSteps the largest clock offset, in steps, recorded for a token; also the half
 *                      width of the resynchronisation search
 */
public record VerificationWindow(int stepsBehind, int stepsAhead, int maxDriftSteps) {
    public static final VerificationWindow DEFAULT = new VerificationWindow(1, 1, 10);

    public VerificationWindow {
        if (stepsBehind < 0 || stepsAhead < 0 || stepsBehind > 10 || stepsAhead > 10) {
            throw new IllegalArgumentException("window must be 0 to 10 steps each side");
        }
        if (maxDriftSteps < 0 || maxDriftSteps > 100) {
            throw new IllegalArgumentException("max drift must be 0 to 100 steps");
        }
    }
}
