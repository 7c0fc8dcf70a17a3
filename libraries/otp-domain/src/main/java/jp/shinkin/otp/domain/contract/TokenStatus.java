package jp.shinkin.otp.domain.contract;

/** A registered token either works, or was suspended and never works again. */
public enum TokenStatus {
    ACTIVE,
    SUSPENDED
}
