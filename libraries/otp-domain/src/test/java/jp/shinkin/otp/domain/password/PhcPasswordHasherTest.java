package jp.shinkin.otp.domain.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Imported hashes: the vectors were made by other implementations (libxcrypt's bcrypt, Python's hashlib PBKDF2). */
class PhcPasswordHasherTest {
    private static final String BCRYPT = "$2b$10$abcdefghijklmnopqrstuufV5R6AIRuiwehOrEgoAS3hGfIJuM.qW";
    private static final String PBKDF2 =
            "$pbkdf2-sha256$i=310000$c29tZXNhbHRzb21lc2FsdA$dO/4QbFy7d3IrXjxPn51kPoYNNaGi7vQ45BWTYFLdqk";

    private final PhcPasswordHasher hasher =
            new PhcPasswordHasher(new Argon2idPasswordHasher(new Argon2Cost(1024, 1, 1), new SecureRandom()));

    @Test
    void verifiesImportedBcryptAndPbkdf2() {
        assertThat(hasher.verify(BCRYPT, "Passw0rd!".toCharArray())).isTrue();
        assertThat(hasher.verify(BCRYPT, "passw0rd!".toCharArray())).isFalse();
        assertThat(hasher.verify(PBKDF2, "Passw0rd!".toCharArray())).isTrue();
        assertThat(hasher.verify(PBKDF2, "Passw0rd?".toCharArray())).isFalse();
    }

    @Test
    void newHashesAreArgon2id() {
        String phc = hasher.hash("新しいパスワード".toCharArray());
        assertThat(phc).startsWith("$argon2id$");
        assertThat(hasher.verify(phc, "新しいパスワード".toCharArray())).isTrue();
    }

    @Test
    void weakOrUnknownHashesCannotBeImported() {
        assertThat(hasher.canVerify(BCRYPT)).isTrue();
        assertThat(hasher.canVerify(PBKDF2)).isTrue();
        assertThat(hasher.canVerify("$2b$04$abcdefghijklmnopqrstuufV5R6AIRuiwehOrEgoAS3hGfIJuM.qW")).as("bcrypt cost 4").isFalse();
        assertThat(hasher.canVerify("$pbkdf2-sha256$i=1000$c29tZXNhbHRzb21lc2FsdA$dO/4QbFy7d3IrXjxPn51kPoYNNaGi7vQ45BWTYFLdqk"))
                .as("too few iterations").isFalse();
        assertThat(hasher.canVerify("5f4dcc3b5aa765d61d8327deb882cf99")).as("unsalted MD5").isFalse();
        assertThat(hasher.verify("$1$saltsalt$hash", "x".toCharArray())).isFalse();
    }
}
