package jp.shinkin.otp.service.verification;

import io.micronaut.serde.annotation.Serdeable;

/** {@code {"result":"ACCEPTED","code":"00000"}} or {@code {"result":"REJECTED","code":"E1002"}}. */
@Serdeable
public record VerificationResponse(String result, String code) {
}
