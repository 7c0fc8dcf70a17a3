package jp.shinkin.otp.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractOpened;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenRegistered;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.fixtures.PasswordHashFixtures;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;

/** Given events, when a command at a time, then events and an answer. No broker, no clock. */
final class ContractFixture {
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    static final String HASH = PasswordHashFixtures.PHC;
    static final TokenId TOKEN = new TokenId("SKMT00000001");
    static final TokenId NEW_TOKEN = new TokenId("SKMT00000002");

    final SeedVault vault;
    /** The wrapped data keys, as the key topic holds them. */
    private final Map<String, Sealed> wrappedKeys = new ConcurrentHashMap<>();
    final ContractDecider decider;
    private final List<ContractEvent> history = new ArrayList<>();
    private Decision last;

    ContractFixture(OtpPolicy policy) {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        this.vault = new SeedVault(KeyEncryptionKey.fromBytes("test-kek", kek), new SecureRandom());
        this.decider = new ContractDecider(policy, vault.opener(id -> Optional.ofNullable(wrappedKeys.get(id))));
    }

    ContractFixture() {
        this(OtpPolicy.DEFAULT);
    }

    /** A token known to the vault: its ID, raw seed (to compute codes) and sealed seed. */
    record TestToken(TokenId id, byte[] seed, Sealed sealed) {
        String codeAt(Instant time) {
            return Totp.codeAt(seed, time, TotpParameters.DEFAULT);
        }
    }

    TestToken token(TokenId id) {
        byte[] seed = new byte[20];
        new SecureRandom().nextBytes(seed);
        SeedVault.Envelope envelope = vault.seal(id.value(), seed);
        wrappedKeys.put(id.value(), envelope.wrappedDataKey());
        return new TestToken(id, seed, envelope.sealedSeed());
    }

    /** Crypto-shredding: the token's wrapped data key is gone (a tombstone on the key topic). */
    void shred(TokenId id) {
        wrappedKeys.remove(id.value());
    }

    static ContractOpened opened() {
        return new ContractOpened(HASH);
    }

    static TokenRegistered registered(TestToken token, Instant at) {
        return new TokenRegistered(token.id(), token.sealed(), TotpParameters.DEFAULT,
                TotpParameters.DEFAULT.stepAt(at), false, at);
    }

    ContractFixture given(ContractEvent... events) {
        history.addAll(Arrays.asList(events));
        return this;
    }

    ContractState state() {
        return ContractEvolver.fold(history);
    }

    /** Decides, checks the decision is deterministic, and appends its events to the history. */
    ContractFixture when(ContractCommand command, Instant at) {
        ContractState before = state();
        last = decider.decide(before, command, at);
        assertThat(decider.decide(before, command, at)).as("decide is deterministic").isEqualTo(last);
        history.addAll(last.events());
        return this;
    }

    ContractFixture thenEvents(ContractEvent... expected) {
        assertThat(last.events()).containsExactly(expected);
        return this;
    }

    ContractFixture thenSucceeded(ResultCode code) {
        assertThat(last.outcome()).isEqualTo(new Outcome.Succeeded(code));
        return this;
    }

    ContractFixture thenPending() {
        assertThat(last.outcome()).isEqualTo(new Outcome.Pending());
        return this;
    }

    ContractFixture thenRejected(ErrorCode code) {
        assertThat(last.outcome()).isEqualTo(new Outcome.Rejected(code));
        return this;
    }

    Decision last() {
        return last;
    }
}
