package jp.shinkin.otp.domain.contract;

/** Single-use, short-lived steps of a multi-screen flow. At most one of each kind is open. */
public enum TicketKind {
    LOGIN_CHALLENGE,
    REGISTRATION,
    STOP
}
