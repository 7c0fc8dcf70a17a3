package jp.shinkin.otp.service.verification;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.shinkin.otp.domain.contract.ContractId;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.flows.FlowValidation;

/** Checks a verification request field by field; the first bad field is named in the E4000. */
final class VerificationValidator {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private VerificationValidator() {
    }

    static Purpose validate(VerificationRequest request) {
        if (request == null) {
            throw ApiException.badField("body", "a JSON object is required");
        }
        if (!ContractId.isValid(request.contractId())) {
            throw ApiException.badField("contractId", "1-32 of A-Z, a-z, 0-9 and '-'");
        }
        if (request.otp() == null || !CODE.matcher(request.otp()).matches()) {
            throw ApiException.badField("otp", "exactly 6 ASCII digits");
        }
        Purpose purpose;
        try {
            purpose = Purpose.valueOf(String.valueOf(request.purpose()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("purpose", "one of LOGIN, TRANSFER, LIMIT_CHANGE, LOGIN_OTP_OFF, STOP, REGISTRATION");
        }
        VerificationRequest.Context context = request.context();
        if (context != null) {
            limit(context.clientIp(), 64, "context.clientIp");
            limit(context.deviceId(), 128, "context.deviceId");
            limit(context.userAgent(), 512, "context.userAgent");
            if (context.transferHash() != null && !HASH.matcher(context.transferHash()).matches()) {
                throw ApiException.badField("context.transferHash", "64 lower-case hex digits (SHA-256)");
            }
        }
        if (purpose == Purpose.TRANSFER && (context == null || context.transferHash() == null)) {
            throw ApiException.badField("context.transferHash", "required for TRANSFER");
        }
        if (purpose == Purpose.TRANSFER && (context.amount() == null || context.currency() == null)) {
            // The daily limit applies to every transfer a code authorizes, whichever endpoint asks.
            throw ApiException.badField(context.amount() == null ? "context.amount" : "context.currency",
                    "required for TRANSFER (the daily transfer limit applies)");
        }
        return purpose;
    }

    /** A TRANSFER's amount (validated), empty for other purposes. */
    static Optional<Money> amount(Purpose purpose, VerificationRequest.Context context) {
        if (purpose != Purpose.TRANSFER) {
            return Optional.empty();
        }
        return Optional.of(FlowValidation.money(context.amount(), context.currency(),
                "context.amount"));
    }

    private static void limit(String value, int max, String field) {
        if (value != null && (value.length() > max || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw ApiException.badField(field, "at most " + max + " printable characters");
        }
    }

    static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > 128 || header.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ApiException.badField("Idempotency-Key", "1-128 visible ASCII characters");
        }
        return header;
    }
}
