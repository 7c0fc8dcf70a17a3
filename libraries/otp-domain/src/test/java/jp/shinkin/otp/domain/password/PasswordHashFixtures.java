package jp.shinkin.otp.domain.password;

/** Shared by the tests of every module (the otp-domain test jar). */
public final class PasswordHashFixtures {
    /**
     * A well-formed Argon2id PHC string that no password matches, for a contract whose password the
     * test does not check (opened from events, or from a bulk import).
     */
    public static final String PHC = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    private PasswordHashFixtures() {
    }
}
