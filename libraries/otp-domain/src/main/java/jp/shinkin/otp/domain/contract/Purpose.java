package jp.shinkin.otp.domain.contract;

/** What a one-time code is being given for; recorded on every accepted code. */
public enum Purpose {
    LOGIN,
    TRANSFER,
    LIMIT_CHANGE,
    LOGIN_OTP_OFF,
    STOP,
    REGISTRATION
}
