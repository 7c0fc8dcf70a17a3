package jp.shinkin.otp.domain.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(Argon2Cost.DEFAULT, new SecureRandom());

    @Test
    void hashesToAPhcStringWithTheStatedCost() {
        String phc = hasher.hash("Passw0rd!".toCharArray());
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.canVerify(phc)).isTrue();
    }

    @Test
    void verifiesOnlyTheRightPasswordCaseSensitively() {
        String phc = hasher.hash("Passw0rd!".toCharArray());
        assertThat(hasher.verify(phc, "Passw0rd!".toCharArray())).isTrue();
        assertThat(hasher.verify(phc, "passw0rd!".toCharArray())).isFalse();
        assertThat(hasher.verify(phc, "".toCharArray())).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
    }

    @Test
    void readsHashesOfAnotherCost() {
        Argon2idPasswordHasher cheap = new Argon2idPasswordHasher(new Argon2Cost(1024, 1, 1), new SecureRandom());
        String phc = cheap.hash("パスワード".toCharArray());
        assertThat(hasher.verify(phc, "パスワード".toCharArray())).isTrue();
    }

    /** Reference hash made with the argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1. */
    @Test
    void agreesWithTheReferenceImplementation() {
        String phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify(phc, "password".toCharArray())).isTrue();
        assertThat(hasher.verify(phc, "passwort".toCharArray())).isFalse();
    }

    @Test
    void unknownContractsAndUnreadableHashesNeverMatch() {
        assertThat(hasher.verifyOrDummy(Optional.empty(), "anything".toCharArray())).isFalse();
        assertThat(hasher.verify("$2b$12$notanargonhash", "x".toCharArray())).isFalse();
        assertThat(hasher.verify(null, "x".toCharArray())).isFalse();
    }
}
