package jp.shinkin.otp.fraud;

import java.time.Duration;

/**
 * The detections' thresholds and windows. Time is event time: each event's record timestamp,
 * which is the time of the command the single writer decided.
 *
 * @param burstCount          wrong codes on one contract ...
 * @param burstWindow         ... within this long → WRONG_CODE_BURST
 * @param sourceContracts     distinct contracts with a wrong code from one client IP or device ...
 * @param sourceWindow        ... within this long → MANY_CONTRACTS_ONE_SOURCE
 * @param afterChangeWindow   a transfer authorized this soon after a device change or reset → TRANSFER_AFTER_*
 */
public record FraudRules(int burstCount, Duration burstWindow, int sourceContracts, Duration sourceWindow,
                         Duration afterChangeWindow) {
    public static final FraudRules DEFAULT = new FraudRules(3, Duration.ofMinutes(5), 5, Duration.ofMinutes(10),
            Duration.ofMinutes(10));

    public static final String WRONG_CODE_BURST = "WRONG_CODE_BURST";
    public static final String MANY_CONTRACTS_ONE_SOURCE = "MANY_CONTRACTS_ONE_SOURCE";
    public static final String TRANSFER_AFTER_DEVICE_CHANGE = "TRANSFER_AFTER_DEVICE_CHANGE";
    public static final String TRANSFER_AFTER_TOKEN_RESET = "TRANSFER_AFTER_TOKEN_RESET";
    public static final String CONTRACT_LOCKED = "CONTRACT_LOCKED";
    public static final String TOKEN_LOST_OR_STOLEN = "TOKEN_LOST_OR_STOLEN";
    /** A transfer above what was left of the day's limit was refused (someone tried to move more than allowed). */
    public static final String TRANSFER_ABOVE_LIMIT = "TRANSFER_ABOVE_LIMIT";

    public FraudRules {
        if (burstCount < 2 || sourceContracts < 2) {
            throw new IllegalArgumentException("a burst needs at least 2 events");
        }
    }
}
