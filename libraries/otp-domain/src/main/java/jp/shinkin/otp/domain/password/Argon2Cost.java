package jp.shinkin.otp.domain.password;

/**
 * Argon2id cost. The default is OWASP's first recommended setting (19 MiB, 2 passes,
 * 1 lane): slow enough to make offline guessing expensive, fast enough for interactive logins.
 */
public record Argon2Cost(int memoryKiB, int iterations, int parallelism) {
    public static final Argon2Cost DEFAULT = new Argon2Cost(19_456, 2, 1);

    public Argon2Cost {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2 cost");
        }
    }
}
