package jp.shinkin.otp.domain.contract;

import java.time.Duration;
import jp.shinkin.otp.domain.otp.VerificationWindow;

/**
 * The rules' numbers, all configurable.
 *
 * @param maxOtpFailures      consecutive wrong codes before the contract locks (default 5)
 * @param maxPasswordFailures consecutive wrong passwords before the contract locks (default 5)
 * @param ticketTtl           how long a challenge or a registration/stop ticket lasts (5 min)
 */
public record OtpPolicy(VerificationWindow window, int maxOtpFailures, int maxPasswordFailures, Duration ticketTtl) {
    public static final OtpPolicy DEFAULT = new OtpPolicy(VerificationWindow.DEFAULT, 5, 5, Duration.ofMinutes(5));

    public OtpPolicy {
        if (maxOtpFailures < 1 || maxPasswordFailures < 1) {
            throw new IllegalArgumentException("failure limits must be at least 1");
        }
        if (ticketTtl.isNegative() || ticketTtl.isZero()) {
            throw new IllegalArgumentException("ticket TTL must be positive");
        }
    }
}
