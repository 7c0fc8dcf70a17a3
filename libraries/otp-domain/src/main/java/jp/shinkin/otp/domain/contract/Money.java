package jp.shinkin.otp.domain.contract;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount in a currency. The amount is kept in canonical form — no leading zeros, no trailing
 * fractional zeros — so two spellings of one amount hash the same.
 */
public record Money(String amount, String currency) {
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,6})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        if (amount == null || !AMOUNT.matcher(amount).matches()) {
            throw new IllegalArgumentException("amount must be a positive decimal string such as \"50000\" or \"1234.50\"");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as JPY");
        }
        amount = canonical(amount);
    }

    static String canonical(String amount) {
        BigDecimal value = new BigDecimal(amount).stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }
}
