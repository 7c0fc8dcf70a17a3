package jp.shinkin.otp.service.validation;

import java.util.Locale;
import java.util.regex.Pattern;
import jp.shinkin.otp.credentials.ChannelContext;
import jp.shinkin.otp.domain.contract.ContractId;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.service.api.ApiException;

/**
 * The one set of field checks every HTTP request goes through (verification, customer flows,
 * operations): the first bad field is named in the E4000, with what it must be. Values never appear
 * in messages.
 */
public final class RequestFields {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_PASSWORD = 128;

    private RequestFields() {
    }

    public static void require(Object body) {
        if (body == null) {
            throw ApiException.badField("body", "a JSON object is required");
        }
    }

    public static String contractId(String value, String field) {
        if (!ContractId.isValid(value)) {
            throw ApiException.badField(field, "1-32 of A-Z, a-z, 0-9 and '-'");
        }
        return value;
    }

    public static String password(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_PASSWORD) {
            throw ApiException.badField("password", "1-" + MAX_PASSWORD + " characters");
        }
        return value;
    }

    public static String otp(String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw ApiException.badField("otp", "exactly 6 ASCII digits");
        }
        return value;
    }

    public static TokenId tokenId(String value) {
        try {
            return TokenId.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("tokenId", "4 letters and 8 digits, e.g. SKMT01234567");
        }
    }

    public static Money money(String amount, String currency, String amountField) {
        if (amount == null || amount.length() > 32) {
            throw ApiException.badField(amountField, "a decimal string such as \"50000\" or \"1234.50\"");
        }
        try {
            new Money(amount, "XXX");
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(amountField, "a decimal string such as \"50000\" or \"1234.50\"");
        }
        try {
            return new Money(amount, currency);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("currency", "an ISO 4217 code such as JPY");
        }
    }

    /** Free text an operator gives (name, reason): printable, bounded. */
    public static String text(String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.badField(field, "1-" + max + " printable characters");
        }
        return value.strip();
    }

    public static Purpose purpose(String value) {
        try {
            return Purpose.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("purpose", "one of LOGIN, TRANSFER, LIMIT_CHANGE, LOGIN_OTP_OFF, STOP, REGISTRATION");
        }
    }

    /** A transfer's hash as the channel computed it (SHA-256 of its details); null when absent. */
    public static String transferHash(String value, String field) {
        if (value != null && !SHA256_HEX.matcher(value).matches()) {
            throw ApiException.badField(field, "64 lower-case hex digits (SHA-256)");
        }
        return value;
    }

    /**
     * The channel's request context for fraud analytics (client IP, device ID, user agent): each
     * optional, bounded, printable.
     *
     * @param prefix how the fields are named in an answer, e.g. {@code "context."}
     */
    public static ChannelContext channelContext(String clientIp, String deviceId, String userAgent, String prefix) {
        return new ChannelContext(bounded(clientIp, 64, prefix + "clientIp"), bounded(deviceId, 128, prefix + "deviceId"),
                bounded(userAgent, 512, prefix + "userAgent"));
    }

    private static String bounded(String value, int max, String field) {
        if (value != null && (value.length() > max || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw ApiException.badField(field, "at most " + max + " printable characters");
        }
        return value;
    }

    /** An {@code Idempotency-Key} header: absent (null) or 1-128 visible ASCII characters. */
    public static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > 128 || header.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ApiException.badField("Idempotency-Key", "1-128 visible ASCII characters");
        }
        return header;
    }
}
