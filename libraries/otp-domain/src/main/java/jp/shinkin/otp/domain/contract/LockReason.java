package jp.shinkin.otp.domain.contract;

/** Which counter reached its limit. */
public enum LockReason {
    OTP_FAILURES,
    PASSWORD_FAILURES
}
