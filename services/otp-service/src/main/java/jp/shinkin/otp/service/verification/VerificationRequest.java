package jp.shinkin.otp.service.verification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /v1/verifications}: a code for one purpose, with optional context for fraud analytics. */
@Serdeable
public record VerificationRequest(@Nullable String contractId, @Nullable String otp, @Nullable String purpose,
                                  @Nullable Context context) {
    /** For a TRANSFER, the transfer's hash and its amount and currency (the daily limit applies to it). */
    @Serdeable
    public record Context(@Nullable String clientIp, @Nullable String deviceId, @Nullable String userAgent,
                          @Nullable String transferHash, @Nullable String amount, @Nullable String currency) {
        public Context(String clientIp, String deviceId, String userAgent, String transferHash) {
            this(clientIp, deviceId, userAgent, transferHash, null, null);
        }
    }
}
