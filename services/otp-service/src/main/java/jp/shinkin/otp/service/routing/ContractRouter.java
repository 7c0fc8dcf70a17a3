package jp.shinkin.otp.service.routing;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.service.hosting.CredentialStreams;
import jp.shinkin.otp.service.hosting.Deadlines;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * Which instance owns a contract's partition (interactive-query metadata). During a rebalance
 * there is no owner; callers retry until the routing deadline, then answer E5030.
 */
@Singleton
public class ContractRouter {
    private final CredentialStreams streams;
    private final Duration deadline;

    public ContractRouter(CredentialStreams streams, Deadlines deadlines) {
        this.streams = streams;
        this.deadline = deadlines.getRoutingDeadline();
    }

    /** The owner as {@code host:port}, or empty when none is known yet. */
    public Optional<String> owner(String contractId) {
        return owner(StateStores.CONTRACTS.name(), contractId);
    }

    /** The instance whose task holds {@code key} in {@code store} (e.g. a token ID in the token-ID writer's store). */
    public Optional<String> owner(String store, String key) {
        if (streams.streams().state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.streams().queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost().host() + ":" + metadata.activeHost().port());
    }

    public boolean isLocal(String owner) {
        return owner.equals(streams.applicationServer());
    }

    /**
     * The owner, looking again every 50 ms while there is none (a rebalance), until the routing
     * deadline; empty if none appeared by then.
     */
    public CompletableFuture<Optional<String>> ownerWithinDeadline(String contractId) {
        return ownerWithinDeadline(StateStores.CONTRACTS.name(), contractId);
    }

    public CompletableFuture<Optional<String>> ownerWithinDeadline(String store, String key) {
        return ownerBy(store, key, Instant.now().plus(deadline));
    }

    private CompletableFuture<Optional<String>> ownerBy(String store, String key, Instant until) {
        Optional<String> owner = owner(store, key);
        if (owner.isPresent() || Instant.now().isAfter(until)) {
            return CompletableFuture.completedFuture(owner);
        }
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
                .thenCompose(x -> ownerBy(store, key, until));
    }
}
