package jp.shinkin.otp.service.flows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** The JSON bodies of the customer flows. Unknown members are ignored; validation is in {@code validation.RequestFields}. */
public final class FlowRequests {
    private FlowRequests() {
    }

    /** Login, registration and stop screens 1: contract ID + password. */
    @Serdeable
    public record Credentials(@Nullable String contractId, @Nullable String password) {
        @Override
        public String toString() {
            return "Credentials[contractId=" + contractId + "]";
        }
    }

    /**
     * A code: login challenge, current-token confirmation, stop confirmation. The login challenge
     * also takes the channel's {@code context} (clientIp, deviceId, userAgent) for fraud analytics;
     * the stop takes {@code retire}: the customer will not use this app again (default false).
     */
    @Serdeable
    public record Code(@Nullable String otp, @Nullable Map<String, String> context, @Nullable Boolean retire) {
        @Override
        public String toString() {
            return "Code[]";
        }
    }

    /** Registration screen 2: the new token's ID and its code. */
    @Serdeable
    public record NewToken(@Nullable String tokenId, @Nullable String otp) {
        @Override
        public String toString() {
            return "NewToken[tokenId=" + tokenId + "]";
        }
    }

    @Serdeable
    public record LoginOtpSetting(@Nullable Boolean required, @Nullable String otp, @Nullable String sessionId) {
        @Override
        public String toString() {
            return "LoginOtpSetting[required=" + required + "]";
        }
    }

    @Serdeable
    public record Transfer(@Nullable String fromAccount, @Nullable String toAccount, @Nullable String amount,
                           @Nullable String currency, @Nullable String otp, @Nullable String sessionId,
                           @Nullable Map<String, String> context) {
        @Override
        public String toString() {
            return "Transfer[]";
        }
    }

    @Serdeable
    public record TransferLimit(@Nullable String dailyLimit, @Nullable String currency, @Nullable String otp,
                                @Nullable String sessionId) {
        @Override
        public String toString() {
            return "TransferLimit[dailyLimit=" + dailyLimit + ", currency=" + currency + "]";
        }
    }
}
