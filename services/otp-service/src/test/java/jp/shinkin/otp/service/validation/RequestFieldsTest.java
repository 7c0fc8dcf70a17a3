package jp.shinkin.otp.service.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.service.api.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each field check on its own, no server: what passes, and which field a refusal names. */
class RequestFieldsTest {

    private static void refused(ThrowingCallable check, String field, String secret) {
        assertThatThrownBy(check).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.E4000);
            assertThat(e.field()).isEqualTo(field);
            if (secret != null) {
                assertThat(e.getMessage()).as("the value never appears in the answer").doesNotContain(secret);
            }
        });
    }

    @Test
    void contractIdsAreOneTo32LettersDigitsOrDashes() {
        assertThat(RequestFields.contractId("C-0001", "contractId")).isEqualTo("C-0001");
        refused(() -> RequestFields.contractId("", "contractId"), "contractId", null);
        refused(() -> RequestFields.contractId("x".repeat(33), "after"), "after", null);
        refused(() -> RequestFields.contractId("C 1;drop", "contractId"), "contractId", "drop");
    }

    @Test
    void codesAreExactlySixAsciiDigits() {
        assertThat(RequestFields.otp("012345")).isEqualTo("012345");
        refused(() -> RequestFields.otp("12345"), "otp", null);
        refused(() -> RequestFields.otp("１２３４５６"), "otp", "１２３４５６"); // full-width digits
        refused(() -> RequestFields.otp(null), "otp", null);
    }

    @Test
    void passwordsAreBoundedAndNeverEchoed() {
        assertThat(RequestFields.password("Correct-Horse-1")).isEqualTo("Correct-Horse-1");
        refused(() -> RequestFields.password("p".repeat(129) + "secret"), "password", "secret");
        refused(() -> RequestFields.password(""), "password", null);
    }

    @Test
    void purposesAreTheSixTheBankKnowsInAnyCase() {
        assertThat(RequestFields.purpose("transfer")).isEqualTo(Purpose.TRANSFER);
        refused(() -> RequestFields.purpose("PAYMENT"), "purpose", "PAYMENT");
        refused(() -> RequestFields.purpose(null), "purpose", null);
    }

    @Test
    void moneyNamesTheAmountOrTheCurrencyThatIsWrong() {
        assertThat(RequestFields.money("1234.50", "JPY", "amount").currency()).isEqualTo("JPY");
        refused(() -> RequestFields.money("12,000", "JPY", "dailyLimit"), "dailyLimit", null);
        refused(() -> RequestFields.money("1000", "yen!", "amount"), "currency", null);
    }

    @Test
    void theChannelContextIsOptionalBoundedAndPrintable() {
        assertThat(RequestFields.channelContext(null, null, null, "context.")).isNotNull();
        assertThat(RequestFields.channelContext("198.51.100.7", "phone-1", "UA/1", "context.").clientIp()).isEqualTo("198.51.100.7");
        refused(() -> RequestFields.channelContext("1".repeat(65), null, null, "context."), "context.clientIp", null);
        refused(() -> RequestFields.channelContext(null, "dev\nice", null, "context."), "context.deviceId", null);
        refused(() -> RequestFields.transferHash("ABCDEF", "context.transferHash"), "context.transferHash", null);
        assertThat(RequestFields.transferHash("ab".repeat(32), "h")).hasSize(64);
    }

    @Test
    void idempotencyKeysAreAbsentOrVisibleAscii() {
        assertThat(RequestFields.idempotencyKey(null)).isNull();
        assertThat(RequestFields.idempotencyKey("retry-7f3a")).isEqualTo("retry-7f3a");
        refused(() -> RequestFields.idempotencyKey(""), "Idempotency-Key", null);
        refused(() -> RequestFields.idempotencyKey("has space"), "Idempotency-Key", null);
        refused(() -> RequestFields.idempotencyKey("k".repeat(129)), "Idempotency-Key", null);
    }

    @Test
    void operatorTextIsPrintableBoundedAndTrimmed() {
        assertThat(RequestFields.text("  lost phone ", "reason", 256)).isEqualTo("lost phone");
        refused(() -> RequestFields.text(" ", "reason", 256), "reason", null);
        refused(() -> RequestFields.text("a\u0007b", "reason", 256), "reason", null);
        refused(() -> RequestFields.require(null), "body", null);
    }
}
