package jp.shinkin.otp.domain.contract;

/** What an operator may only do with a second person's approval (maker-checker, 検印). */
public enum ApprovalAction {
    /** Unregisters the token: the lift of a suspension, or a broken phone the customer cannot stop. */
    TOKEN_RESET,
    /** Clears the lock and the failure counters. */
    UNLOCK
}
