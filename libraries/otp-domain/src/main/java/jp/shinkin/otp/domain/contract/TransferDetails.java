package jp.shinkin.otp.domain.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What a transfer code authorizes. Its hash is what the OtpVerified event records. */
public record TransferDetails(String fromAccount, String toAccount, Money money) {
    public TransferDetails {
        requireAccount(fromAccount, "fromAccount");
        requireAccount(toAccount, "toAccount");
        if (money == null) {
            throw new IllegalArgumentException("amount and currency are required");
        }
    }

    /** SHA-256 over {@code fromAccount|toAccount|amount|currency}, hex. */
    public String hash() {
        String canonical = fromAccount + "|" + toAccount + "|" + money.amount() + "|" + money.currency();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireAccount(String account, String field) {
        if (account == null || !account.matches("[A-Za-z0-9-]{1,34}")) {
            throw new IllegalArgumentException(field + " must be 1-34 of A-Z, a-z, 0-9 and '-'");
        }
    }
}
