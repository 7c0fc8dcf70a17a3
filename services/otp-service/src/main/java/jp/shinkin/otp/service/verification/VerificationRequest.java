package jp.shinkin.otp.service.verification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /v1/verifications}: a code for one purpose, with optional context for fraud analytics. */
@Serdeable
public record VerificationRequest(@Nullable String contractId, @Nullable String otp, @Nullable String purpose,
                                  @Nullable Context context) {
    @Serdeable
    public record Context(@Nullable String clientIp, @Nullable String deviceId, @Nullable String userAgent,
                          @Nullable String transferHash) {
    }
}
