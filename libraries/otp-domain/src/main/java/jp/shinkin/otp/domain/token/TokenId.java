package jp.shinkin.otp.domain.token;

import java.util.Locale;
import java.util.regex.Pattern;

/** A soft token's ID as the app shows it: 4 letters and 8 digits, e.g. {@code SKMT01234567}. */
public record TokenId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Z]{4}[0-9]{8}");

    public TokenId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("token ID must be 4 letters and 8 digits");
        }
    }

    /** Accepts what a customer types: surrounding blanks trimmed and letters in either case. */
    public static TokenId parse(String text) {
        if (text == null || text.length() > 64) {
            throw new IllegalArgumentException("token ID must be 4 letters and 8 digits");
        }
        return new TokenId(text.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    public String prefix() {
        return value.substring(0, 4);
    }

    @Override
    public String toString() {
        return value;
    }
}
