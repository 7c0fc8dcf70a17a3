package jp.shinkin.otp.domain.bench;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.domain.password.Argon2Cost;
import jp.shinkin.otp.domain.password.Argon2idPasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one password check at the default Argon2id cost, and that an unknown contract
 * (dummy hash) costs the same as a known one with a wrong password.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PasswordBenchmark {
    private Argon2idPasswordHasher hasher;
    private Optional<String> stored;
    private final char[] wrong = "wrong-password".toCharArray();

    @Setup
    public void setUp() {
        hasher = new Argon2idPasswordHasher(Argon2Cost.DEFAULT, new SecureRandom());
        stored = Optional.of(hasher.hash("the-right-password".toCharArray()));
    }

    @Benchmark
    public boolean knownContractWrongPassword() {
        return hasher.verifyOrDummy(stored, wrong);
    }

    @Benchmark
    public boolean unknownContract() {
        return hasher.verifyOrDummy(Optional.empty(), wrong);
    }
}
