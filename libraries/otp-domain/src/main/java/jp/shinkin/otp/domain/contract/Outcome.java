package jp.shinkin.otp.domain.contract;

/** The answer a command gets. Details (challenge ID, ...) are read from the decision's events. */
public sealed interface Outcome {
    record Succeeded(ResultCode code) implements Outcome {
    }

    record Rejected(ErrorCode code) implements Outcome {
    }

    /** Decided in part: the answer comes with a later command (the token-ID claim's resolution). */
    record Pending() implements Outcome {
    }
}
