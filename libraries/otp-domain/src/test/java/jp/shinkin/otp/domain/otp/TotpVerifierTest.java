package jp.shinkin.otp.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TotpVerifierTest {
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final TotpParameters P = TotpParameters.DEFAULT;
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:15Z");
    private static final long STEP = P.stepAt(NOW);

    private final TotpVerifier verifier = new TotpVerifier(VerificationWindow.DEFAULT);

    private static String code(long step) {
        return Totp.codeForStep(SECRET, step, P);
    }

    @Test
    void acceptsTheCurrentStepAndRecordsIt() {
        assertThat(verifier.check(SECRET, P, code(STEP), NOW, OptionalLong.empty(), 0))
                .isEqualTo(new OtpCheck.Matched(STEP, 0));
    }

    @Test
    void acceptsOneStepEitherSideAndRecordsTheDrift() {
        assertThat(verifier.check(SECRET, P, code(STEP - 1), NOW, OptionalLong.empty(), 0))
                .isEqualTo(new OtpCheck.Matched(STEP - 1, -1));
        assertThat(verifier.check(SECRET, P, code(STEP + 1), NOW, OptionalLong.empty(), 0))
                .isEqualTo(new OtpCheck.Matched(STEP + 1, 1));
    }

    @Test
    void rejectsCodesOutsideTheWindow() {
        assertThat(verifier.check(SECRET, P, code(STEP - 2), NOW, OptionalLong.empty(), 0)).isEqualTo(new OtpCheck.NoMatch());
        assertThat(verifier.check(SECRET, P, code(STEP + 2), NOW, OptionalLong.empty(), 0)).isEqualTo(new OtpCheck.NoMatch());
    }

    @Test
    void theWindowFollowsTheRecordedDrift() {
        assertThat(verifier.check(SECRET, P, code(STEP + 3), NOW, OptionalLong.empty(), 3))
                .isEqualTo(new OtpCheck.Matched(STEP + 3, 3));
        assertThat(verifier.check(SECRET, P, code(STEP), NOW, OptionalLong.empty(), 3)).isEqualTo(new OtpCheck.NoMatch());
    }

    @Test
    void aStepAtOrBelowTheLastAcceptedIsAlreadyUsedNotWrong() {
        assertThat(verifier.check(SECRET, P, code(STEP), NOW, OptionalLong.of(STEP), 0))
                .isEqualTo(new OtpCheck.AlreadyUsed(STEP));
        assertThat(verifier.check(SECRET, P, code(STEP - 1), NOW, OptionalLong.of(STEP), 0))
                .isEqualTo(new OtpCheck.AlreadyUsed(STEP - 1));
        assertThat(verifier.check(SECRET, P, code(STEP + 1), NOW, OptionalLong.of(STEP), 0))
                .isEqualTo(new OtpCheck.Matched(STEP + 1, 1));
    }

    @Test
    void malformedCodesNeverMatch() {
        for (String bad : new String[] {null, "", "12345", "1234567", "12345a", "１２３４５６", " 123456", "12 456"}) {
            assertThat(verifier.check(SECRET, P, bad, NOW, OptionalLong.empty(), 0)).as(String.valueOf(bad))
                    .isEqualTo(new OtpCheck.NoMatch());
        }
    }

    @Test
    void resynchronisesWithTwoConsecutiveCodesFarOff() {
        long far = STEP + 8;
        assertThat(verifier.check(SECRET, P, code(far), NOW, OptionalLong.empty(), 0)).isEqualTo(new OtpCheck.NoMatch());
        assertThat(verifier.resynchronise(SECRET, P, code(far), code(far + 1), NOW, OptionalLong.empty()))
                .isEqualTo(new OtpCheck.Matched(far + 1, 9));
    }

    @Test
    void resynchronisationNeedsConsecutiveFreshCodesWithinTheBound() {
        assertThat(verifier.resynchronise(SECRET, P, code(STEP), code(STEP + 2), NOW, OptionalLong.empty()))
                .isEqualTo(new OtpCheck.NoMatch());
        assertThat(verifier.resynchronise(SECRET, P, code(STEP + 20), code(STEP + 21), NOW, OptionalLong.empty()))
                .isEqualTo(new OtpCheck.NoMatch());
        assertThat(verifier.resynchronise(SECRET, P, code(STEP), code(STEP + 1), NOW, OptionalLong.of(STEP)))
                .isEqualTo(new OtpCheck.AlreadyUsed(STEP + 1));
    }

    @Test
    void driftIsBounded() {
        TotpVerifier narrow = new TotpVerifier(new VerificationWindow(1, 1, 2));
        assertThat(narrow.check(SECRET, P, code(STEP + 3), NOW, OptionalLong.empty(), 2))
                .isEqualTo(new OtpCheck.Matched(STEP + 3, 2));
    }
}
