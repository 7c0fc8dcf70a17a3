package jp.shinkin.otp.domain.contract;

import java.util.regex.Pattern;

/** A customer's contract ID (契約者ID): 1–32 of {@code [A-Za-z0-9-]}. Case-sensitive. */
public record ContractId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9-]{1,32}");

    public ContractId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("contract ID must be 1-32 of A-Z, a-z, 0-9 and '-'");
        }
    }

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
