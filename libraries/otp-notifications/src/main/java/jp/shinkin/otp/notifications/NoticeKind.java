package jp.shinkin.otp.notifications;

/** The events a customer is told about by e-mail (the manuals' result codes in brackets). */
public enum NoticeKind {
    /** A token was registered to the contract (00001). */
    REGISTERED,
    /** The token was moved to a new device (00003). */
    DEVICE_CHANGED,
    /** The customer stopped one-time-password use (00002). */
    STOPPED,
    /** The bank suspended the token: reported lost, stolen or uninstalled. */
    SUSPENDED,
    /** The bank reset the token. */
    RESET,
    /** Too many wrong codes or passwords: the contract is locked. */
    LOCKED,
    /** The bank unlocked the contract. */
    UNLOCKED,
    /** The daily transfer limit changed. */
    LIMIT_CHANGED,
    /** Login no longer asks for a code. */
    LOGIN_OTP_OFF
}
