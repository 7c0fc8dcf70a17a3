package jp.shinkin.otp.service.credentials;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import jp.shinkin.otp.credentials.CredentialTopology;
import jp.shinkin.otp.credentials.SnapshotMapper;
import jp.shinkin.otp.credentials.StateDigest;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of this instance's stores: a contract's snapshot (only on its owner) and the issued
 * tokens (a global store, on every instance). A store that is moving in a rebalance is
 * {@link StoreMoving}, answered E5030.
 */
@Singleton
public class LocalStores {
    private final CredentialStreams streams;

    public LocalStores(CredentialStreams streams) {
        this.streams = streams;
    }

    /** The contract's state, if it was opened (only on its owner). */
    public Optional<ContractState> contract(String contractId) {
        return Optional.ofNullable(store(CredentialTopology.CONTRACT_STORE, ContractSnapshot.class).get(contractId))
                .filter(ContractSnapshot::getOpened).map(SnapshotMapper::toState);
    }

    /** A digest of every contract's state in this instance's active stores, by contract ID. */
    public Map<String, String> contractDigests() {
        Map<String, String> digests = new TreeMap<>();
        try (KeyValueIterator<String, ContractSnapshot> all = store(CredentialTopology.CONTRACT_STORE, ContractSnapshot.class).all()) {
            all.forEachRemaining(kv -> digests.put(kv.key, StateDigest.of(kv.value)));
        } catch (InvalidStateStoreException e) {
            throw new StoreMoving();
        }
        return digests;
    }

    /**
     * Who holds a token ID, as the token-ID writer knows it (only on the instance whose task holds it).
     *
     * @param contractId the holder, or the last one of a retired token; empty for a free token
     */
    public record TokenHolding(boolean retired, Optional<String> contractId, Instant since) {
    }

    public Optional<TokenHolding> tokenHolding(String tokenId) {
        return Optional.ofNullable(store(CredentialTopology.OWNER_STORE, jp.shinkin.otp.wire.state.TokenOwner.class).get(tokenId))
                .map(o -> new TokenHolding(o.getRetired(), Optional.of(o.getContractId()).filter(c -> !c.isEmpty()), o.getSince()));
    }

    public boolean isIssued(String tokenId) {
        return issuedToken(tokenId).isPresent();
    }

    private Optional<TokenIssued> issuedToken(String tokenId) {
        return Optional.ofNullable(store(CredentialTopology.TOKEN_STORE, SpecificRecord.class).get(tokenId))
                .map(TokenIssued.class::cast);
    }

    /**
     * The issued token, waiting up to {@code patience} for it: a token issued on another instance
     * reaches this one's global store a few milliseconds after its issue was answered.
     */
    public boolean isIssuedWithin(String tokenId, Duration patience) {
        Instant until = Instant.now().plus(patience);
        Optional<TokenIssued> token = issuedToken(tokenId);
        while (token.isEmpty() && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            token = issuedToken(tokenId);
        }
        return token.isPresent();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        try {
            return streams.streams().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StoreMoving();
        }
    }

    /** The store is between instances (rebalance) or still restoring. */
    public static final class StoreMoving extends jp.shinkin.otp.service.api.Unavailable {
        public StoreMoving() {
            super("the store is moving between instances; retry shortly");
        }
    }
}
