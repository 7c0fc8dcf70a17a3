package jp.shinkin.otp.service.stores;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.BiFunction;
import jp.shinkin.otp.credentials.SnapshotMapper;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.Store;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.api.Unavailable;
import jp.shinkin.otp.service.hosting.CredentialStreams;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import jp.shinkin.otp.wire.state.TokenOwner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
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
        return Optional.ofNullable(store(StateStores.CONTRACTS).get(contractId))
                .filter(ContractSnapshot::getOpened).map(SnapshotMapper::toState);
    }

    /**
     * One page of this instance's opened contracts, in contract-ID order after {@code after} (null:
     * from the first): at most {@code limit} picked and at most {@code budget} records looked at, so
     * a sparse list (the locked ones) costs a bounded read per page however large the store is.
     */
    public <T> ScanPage<T> scanContracts(String after, int limit, int budget, BiFunction<String, ContractState, Optional<T>> pick) {
        // One store per partition, each in key order; an instance's store handle would chain them
        // one after the other, so they are merged here: the page must be in order across them all.
        String from = after == null ? null : after + "\u0000"; // the next key after "x" is "x\0" (UTF-8, bytewise)
        PriorityQueue<Cursor> cursors = new PriorityQueue<>(Comparator.comparing(Cursor::key));
        List<KeyValueIterator<String, ContractSnapshot>> opened = new ArrayList<>();
        List<Integer> partitions = localContractPartitions();
        try {
            for (int partition : partitions) {
                KeyValueIterator<String, ContractSnapshot> range = store(StateStores.CONTRACTS, partition)
                        .range(from, null);
                opened.add(range);
                if (range.hasNext()) {
                    cursors.add(new Cursor(range, range.next()));
                }
            }
            List<T> picked = new ArrayList<>();
            String last = null;
            int looked = 0;
            while (!cursors.isEmpty() && picked.size() < limit && looked < budget) {
                Cursor c = cursors.poll();
                looked++;
                last = c.key();
                if (c.current().value.getOpened()) {
                    pick.apply(c.key(), SnapshotMapper.toState(c.current().value)).ifPresent(picked::add);
                }
                if (c.range().hasNext()) {
                    cursors.add(new Cursor(c.range(), c.range().next()));
                }
            }
            return new ScanPage<>(picked, last, cursors.isEmpty(), partitions);
        } catch (InvalidStateStoreException e) {
            throw new StoreMoving();
        } finally {
            opened.forEach(KeyValueIterator::close);
        }
    }

    private record Cursor(KeyValueIterator<String, ContractSnapshot> range, KeyValue<String, ContractSnapshot> current) {
        String key() {
            return current.key;
        }
    }

    /** The partitions whose contracts this instance's active tasks hold. */
    private List<Integer> localContractPartitions() {
        String commands = streams.topic(Topics.COMMANDS);
        return streams.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream()).filter(tp -> tp.topic().equals(commands))
                .map(TopicPartition::partition).sorted().toList();
    }

    /**
     * @param scannedTo  the last contract ID looked at (every one up to it was considered)
     * @param end        nothing after {@code scannedTo} on this instance
     * @param partitions the partitions scanned (this instance's active ones)
     */
    public record ScanPage<T>(List<T> items, String scannedTo, boolean end, List<Integer> partitions) {
    }

    /**
     * Who holds a token ID, as the token-ID writer knows it (only on the instance whose task holds it).
     *
     * @param contractId the holder, or the last one of a retired token; empty for a free token
     */
    public record TokenHolding(boolean retired, Optional<String> contractId, Instant since) {
    }

    public Optional<TokenHolding> tokenHolding(String tokenId) {
        return Optional.ofNullable(store(StateStores.TOKEN_OWNERS).get(tokenId))
                .map(o -> new TokenHolding(o.getRetired(), Optional.of(o.getContractId()).filter(c -> !c.isEmpty()), o.getSince()));
    }

    public boolean isIssued(String tokenId) {
        return issuedToken(tokenId).isPresent();
    }

    private Optional<TokenIssued> issuedToken(String tokenId) {
        return Optional.ofNullable(store(StateStores.ISSUED_TOKENS).get(tokenId))
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

    private <V> ReadOnlyKeyValueStore<String, V> store(Store<String, V> store, int partition) {
        return store(store.query().withPartition(partition));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(Store<String, V> store) {
        return store(store.query());
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> query) {
        try {
            return streams.streams().store(query);
        } catch (InvalidStateStoreException e) {
            throw new StoreMoving();
        }
    }

    /** The store is between instances (rebalance) or still restoring. */
    public static final class StoreMoving extends Unavailable {
        public StoreMoving() {
            super("the store is moving between instances; retry shortly");
        }
    }
}
