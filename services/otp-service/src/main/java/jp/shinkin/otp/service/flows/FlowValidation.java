package jp.shinkin.otp.service.flows;

import java.util.regex.Pattern;
import jp.shinkin.otp.domain.contract.ContractId;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.service.api.ApiException;

/** Field checks shared by the flows; the first bad field is named in the E4000. Values never appear in messages. */
public final class FlowValidation {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final int MAX_PASSWORD = 128;

    private FlowValidation() {
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
}
