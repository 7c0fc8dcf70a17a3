package jp.shinkin.otp.domain.password;

import java.util.Optional;

/** Slow, salted password hashing with hashes stored as PHC strings. */
public interface PasswordHasher {
    /** A new PHC string, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. */
    String hash(char[] password);

    /** Compares in constant time. A hash this hasher cannot read is treated as a mismatch. */
    boolean verify(String phc, char[] password);

    /**
     * Verifies against the stored hash, or against a dummy hash of the same cost when the contract
     * is unknown, so "no such contract" and "wrong password" take the same time.
     */
    boolean verifyOrDummy(Optional<String> phc, char[] password);

    /** Whether a PHC string is one this hasher can verify (for bulk imports). */
    boolean canVerify(String phc);
}
