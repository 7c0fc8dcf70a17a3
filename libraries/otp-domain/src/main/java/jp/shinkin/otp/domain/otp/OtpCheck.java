package jp.shinkin.otp.domain.otp;

/** What comparing a submitted code with a token's expected codes found. */
public sealed interface OtpCheck {
    /** The code matched a fresh step; the token should record {@code step} and {@code drift}. */
    record Matched(long step, int drift) implements OtpCheck {
    }

    /** The code matched, but for a step at or below the last accepted one: a replay, not a guess. */
    record AlreadyUsed(long step) implements OtpCheck {
    }

    /** No step in the window produced this code. */
    record NoMatch() implements OtpCheck {
    }
}
