package jp.shinkin.otp.service.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.LockReason;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.contract.ResultCode;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.hosting.Decided;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decisions as the flows answer them: result code, problem, and the one warning before the lock. */
class FlowAnswersTest {

    private static Decided succeeded(ResultCode code) {
        return new Decided("command-1", new Outcome.Succeeded(code), List.of());
    }

    private static Decided rejected(ErrorCode code, ContractEvent... events) {
        return new Decided("command-1", new Outcome.Rejected(code), List.of(events));
    }

    private static ContractEvent.LockoutWarningIssued oneLeft(LockReason counter) {
        return new ContractEvent.LockoutWarningIssued(counter, 1);
    }

    @Test
    void aSuccessAnswers200WithItsResultCode() {
        MutableHttpResponse<?> answer = FlowAnswers.code(succeeded(ResultCode.REGISTERED));
        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(Map.of("code", "00001"));
    }

    @Test
    void theWrongCodeBeforeTheLockSaysHowManyAttemptsAreLeft() {
        Decided warned = rejected(ErrorCode.E1002,
                new ContractEvent.OtpRejected(new TokenId("SKMT01234567"), Purpose.LOGIN, 4), oneLeft(LockReason.OTP_FAILURES));
        assertThat(FlowAnswers.attemptsLeft(warned)).hasValue(1);

        MutableHttpResponse<?> answer = FlowAnswers.code(warned);
        assertThat(answer.code()).isEqualTo(401);
        assertThat(answer.getHeaders().get("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(answer.body()).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("code", "E1002")
                .containsEntry("status", 401)
                .containsEntry("title", ErrorCode.E1002.title())
                .containsEntry("attemptsLeft", 1)
                .hasEntrySatisfying("detail", detail -> assertThat(detail).asString().contains("1 more wrong code"));
    }

    @Test
    void aWrongCodeWithoutAWarningIsAPlainProblem() {
        Decided decided = rejected(ErrorCode.E1002);
        assertThat(FlowAnswers.attemptsLeft(decided)).isEmpty();
        assertThat(FlowAnswers.code(decided).body()).isEqualTo(
                new Problem("about:blank", ErrorCode.E1002.title(), 401, "E1002", null, null));
    }

    @Test
    void aWrongPasswordNeverSaysHowManyAttemptsAreLeft() {
        // A count would tell an existing contract from an unknown one.
        Decided warned = rejected(ErrorCode.E1001, oneLeft(LockReason.PASSWORD_FAILURES));
        assertThat(FlowAnswers.attemptsLeft(warned)).isEmpty();

        MutableHttpResponse<?> answer = FlowAnswers.code(warned);
        assertThat(answer.code()).isEqualTo(401);
        assertThat(answer.body()).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.code()).isEqualTo("E1001");
            assertThat(p.detail()).isEqualTo("contract ID or password is wrong");
        });
        assertThat(answer.body()).as("the same answer as for an unknown contract")
                .isEqualTo(FlowAnswers.code(rejected(ErrorCode.E1001)).body());
    }

    @ParameterizedTest
    @CsvSource({"E1003, 403", "E1004, 404", "E1005, 404", "E1006, 409", "E1007, 404", "E1008, 401",
            "E1009, 403", "E1010, 409", "E1011, 403", "E1012, 409", "E1013, 404", "E1014, 403", "E1015, 403",
            "E4000, 400", "E4220, 422", "E4290, 429", "E5030, 503"})
    void eachRejectionAnswersItsStatusAsAProblem(ErrorCode code, int status) {
        MutableHttpResponse<?> answer = FlowAnswers.code(rejected(code));
        assertThat(answer.code()).isEqualTo(status);
        assertThat(answer.body()).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.code()).isEqualTo(code.name());
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.title()).isEqualTo(code.title());
        });
    }

    @Test
    void noRejectionAnswersAsAnInternalError() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(FlowAnswers.problem(rejected(code)).code()).as(code.name()).isNotEqualTo(500);
        }
    }
}
