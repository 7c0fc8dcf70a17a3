package jp.shinkin.otp.domain.bench;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractDecider;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.Decision;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.fixtures.PasswordHashFixtures;
import jp.shinkin.otp.domain.otp.OtpCheck;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.otp.TotpVerifier;
import jp.shinkin.otp.domain.otp.VerificationWindow;
import jp.shinkin.otp.domain.token.TokenId;
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
 * One verification, as the single writer does it. Run: see the module README.
 * {@code totpCheck}: the window (3 HMACs) alone; {@code decideVerify}: unseal the seed (two
 * AES-GCM opens) + the window + building the decision.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class VerificationBenchmark {
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private byte[] seed;
    private String code;
    private TotpVerifier verifier;
    private ContractDecider decider;
    private ContractState state;
    private ContractCommand command;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        seed = new byte[20];
        random.nextBytes(seed);
        code = Totp.codeAt(seed, now, TotpParameters.DEFAULT);
        verifier = new TotpVerifier(VerificationWindow.DEFAULT);
        byte[] kek = new byte[32];
        random.nextBytes(kek);
        SeedVault vault = new SeedVault(KeyEncryptionKey.fromBytes("k", kek), random);
        TokenId tokenId = new TokenId("SKMT00000001");
        SeedVault.Envelope envelope = vault.seal(tokenId.value(), seed);
        Sealed sealed = envelope.sealedSeed();
        decider = new ContractDecider(OtpPolicy.DEFAULT, vault.opener(id -> Optional.of(envelope.wrappedDataKey())));
        state = ContractEvolver.fold(List.of(
                new ContractEvent.ContractOpened(PasswordHashFixtures.PHC),
                new ContractEvent.TokenRegistered(tokenId, sealed, TotpParameters.DEFAULT,
                        TotpParameters.DEFAULT.stepAt(now) - 10, false, now.minusSeconds(300))));
        command = new ContractCommand.VerifyOtp(Purpose.LOGIN, code, Optional.empty());
    }

    @Benchmark
    public OtpCheck totpCheck() {
        return verifier.check(seed, TotpParameters.DEFAULT, code, now, OptionalLong.empty(), 0);
    }

    @Benchmark
    public Decision decideVerify() {
        return decider.decide(state, command, now);
    }
}
