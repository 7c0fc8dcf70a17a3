package jp.shinkin.otp.service.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code {"result":"ACCEPTED","code":"00000"}} or {@code {"result":"REJECTED","code":"E1002"}}; with
 * {@code "attemptsLeft":1} on the wrong code after which one more locks the contract; with
 * {@code "remaining"} (what is left of the day's limit) on a transfer above it (E1015).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResponse(String result, String code, @Nullable Integer attemptsLeft,
                                   @Nullable String remaining) {
    public VerificationResponse(String result, String code) {
        this(result, code, null, null);
    }
}
