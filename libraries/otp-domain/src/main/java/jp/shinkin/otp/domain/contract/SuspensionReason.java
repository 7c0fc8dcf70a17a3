package jp.shinkin.otp.domain.contract;

/** Why the bank suspended a token (reported like a lost cash card). */
public enum SuspensionReason {
    LOST,
    STOLEN,
    UNINSTALLED
}
