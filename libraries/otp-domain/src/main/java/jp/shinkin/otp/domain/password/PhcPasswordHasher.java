package jp.shinkin.otp.domain.password;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * New hashes are Argon2id; hashes imported from a bank's old system (PHC strings) are verified too,
 * so customers migrate without their passwords ever being sent in clear: bcrypt ({@code $2a$},
 * {@code $2b$}, {@code $2y$}, cost ≥ 10) and PBKDF2-HMAC-SHA256 ({@code $pbkdf2-sha256$i=N$salt$hash},
 * N ≥ 100,000). Weaker settings are refused at import ({@link #canVerify} false).
 */
public final class PhcPasswordHasher implements PasswordHasher {
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");
    private static final Pattern PBKDF2 = Pattern.compile(
            "\\$pbkdf2-sha256\\$i=(\\d{1,7})\\$([A-Za-z0-9+/.]{11,88})\\$([A-Za-z0-9+/.]{43,88})");
    private static final int MIN_BCRYPT_COST = 10;
    private static final int MIN_PBKDF2_ITERATIONS = 100_000;

    private final Argon2idPasswordHasher argon2;

    public PhcPasswordHasher(Argon2idPasswordHasher argon2) {
        this.argon2 = argon2;
    }

    @Override
    public String hash(char[] password) {
        return argon2.hash(password);
    }

    @Override
    public boolean verify(String phc, char[] password) {
        if (phc == null) {
            return false;
        }
        if (argon2.canVerify(phc)) {
            return argon2.verify(phc, password);
        }
        Matcher bcrypt = BCRYPT.matcher(phc);
        if (bcrypt.matches() && Integer.parseInt(bcrypt.group(1)) >= MIN_BCRYPT_COST) {
            return OpenBSDBCrypt.checkPassword(phc, password);
        }
        Matcher pbkdf2 = PBKDF2.matcher(phc);
        if (pbkdf2.matches()) {
            int iterations = Integer.parseInt(pbkdf2.group(1));
            if (iterations < MIN_PBKDF2_ITERATIONS) {
                return false;
            }
            byte[] salt = b64(pbkdf2.group(2));
            byte[] expected = b64(pbkdf2.group(3));
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations, expected.length));
        }
        return false;
    }

    @Override
    public boolean verifyOrDummy(Optional<String> phc, char[] password) {
        if (phc.isPresent()) {
            return verify(phc.get(), password);
        }
        return argon2.verifyOrDummy(Optional.empty(), password);
    }

    @Override
    public boolean canVerify(String phc) {
        if (phc == null) {
            return false;
        }
        Matcher bcrypt = BCRYPT.matcher(phc);
        Matcher pbkdf2 = PBKDF2.matcher(phc);
        return argon2.canVerify(phc)
                || bcrypt.matches() && Integer.parseInt(bcrypt.group(1)) >= MIN_BCRYPT_COST
                || pbkdf2.matches() && Integer.parseInt(pbkdf2.group(1)) >= MIN_PBKDF2_ITERATIONS;
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int length) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 unavailable", e);
        }
    }

    /** PHC uses unpadded standard Base64 (some tools write '.' for '+'). */
    private static byte[] b64(String text) {
        return Base64.getDecoder().decode(text.replace('.', '+').getBytes(StandardCharsets.US_ASCII));
    }
}
