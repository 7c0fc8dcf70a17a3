package jp.shinkin.otp.credentials;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.SeedOpener;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.messaging.StoreSerde;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import jp.shinkin.otp.wire.state.StoredReply;
import jp.shinkin.otp.wire.state.TokenOwner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The credential topology, read as a table of contents:
 * <pre>
 *   otp.commands ──┐
 *                  ├─▶ contracts (single writer per contract) ─▶ otp.events
 *   otp.claim-results ┘            │                               ├▶ otp.token-claims (by token ID)
 *                                  │                               └▶ otp.token-keys (tombstones: crypto-shredding)
 *   otp.token-claims ─▶ token claims (single writer per token ID) ─▶ otp.claim-results
 *   otp.tokens, otp.token-keys ─▶ global stores (issued tokens, wrapped data keys)
 * </pre>
 */
public final class CredentialTopology {
    public static final String CONTRACT_STORE = "contract-state";
    public static final String REPLY_STORE = "idempotent-replies";
    public static final String REPLY_EXPIRY_STORE = "idempotent-reply-expiry";
    public static final String OWNER_STORE = "token-owners";
    public static final String TOKEN_STORE = "issued-tokens";
    public static final String KEY_STORE = "token-data-keys";
    /**
     * Settings the topology's guarantees depend on; whoever runs it applies these over its own.
     * A record on an input topic that is not a readable command cannot be decided: it is set aside
     * on the dead-letter topic (UnreadableRecords) rather than stopping every contract on the
     * partition; a schema registry outage is waited out, never skipped (RegistryOutage).
     */
    public static Map<String, String> requiredConfig(String topicPrefix) {
        return Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                UnreadableRecords.class.getName(),
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                topicPrefix + Topics.DEAD_LETTERS.name());
    }

    static final String EVENTS_SINK = "events-sink";
    static final String TOKEN_CLAIMS_SINK = "token-claims-sink";
    static final String CLAIM_RESULTS_SINK = "claim-results-sink";
    static final String KEY_TOMBSTONES_SINK = "key-tombstones-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    /**
     * @param topicPrefix prefix of every topic name (empty in production; tests isolate with it)
     * @param wireSerde   the Avro serde of the shared topics (registry-backed)
     * @param persistent  RocksDB stores (true) or in-memory ones (tests that want no disk)
     */
    public record Settings(String topicPrefix, OtpPolicy policy, CodeSealer codes, KekRing keks,
                           Serde<SpecificRecord> wireSerde, Duration replyTtl, DecisionListener listener,
                           AnswerGate answers, boolean persistent) {
        public Settings {
            Objects.requireNonNull(topicPrefix);
            Objects.requireNonNull(policy);
            Objects.requireNonNull(codes);
            Objects.requireNonNull(keks);
            Objects.requireNonNull(wireSerde);
            Objects.requireNonNull(replyTtl);
            Objects.requireNonNull(listener);
            Objects.requireNonNull(answers);
        }

        String topic(Topic<?, ?> topic) {
            return topicPrefix + topic.name();
        }

        /** Opens seeds with the wrapped data keys of the global key store. */
        SeedOpener seedOpener(KeyValueStore<String, SpecificRecord> keys) {
            return new SeedVault(keks, new SecureRandom()).opener(WrappedKeys.in(keys));
        }
    }

    private CredentialTopology() {
    }

    public static Topology build(Settings s) {
        Topology topology = new Topology();
        Serde<String> keys = Serdes.String();
        Serde<SpecificRecord> wire = RegistryOutage.patient(s.wireSerde());

        topology.addSource("commands", keys.deserializer(), wire.deserializer(), s.topic(Topics.COMMANDS));
        topology.addSource("claim-results", keys.deserializer(), wire.deserializer(), s.topic(Topics.CLAIM_RESULTS));
        topology.addProcessor("contracts", () -> new ContractProcessor(s), "commands", "claim-results");
        topology.addStateStore(store(s, CONTRACT_STORE, StoreSerde.of(ContractSnapshot.class)), "contracts");
        topology.addStateStore(store(s, REPLY_STORE, StoreSerde.of(StoredReply.class)), "contracts");
        topology.addStateStore(store(s, REPLY_EXPIRY_STORE, Serdes.String()), "contracts");
        topology.addSink(EVENTS_SINK, s.topic(Topics.EVENTS), keys.serializer(), wire.serializer(), "contracts");
        topology.addSink(TOKEN_CLAIMS_SINK, s.topic(Topics.TOKEN_CLAIMS), keys.serializer(), wire.serializer(), "contracts");
        topology.addSink(KEY_TOMBSTONES_SINK, s.topic(Topics.TOKEN_KEYS), keys.serializer(), tombstones(), "contracts");
        topology.addSink(DEAD_LETTERS_SINK, s.topic(Topics.DEAD_LETTERS), keys.serializer(), nullSafe(wire.serializer()), "contracts");

        topology.addSource("token-claims", keys.deserializer(), wire.deserializer(), s.topic(Topics.TOKEN_CLAIMS));
        topology.addProcessor("token-ownership", TokenClaimProcessor::new, "token-claims");
        topology.addStateStore(store(s, OWNER_STORE, StoreSerde.of(TokenOwner.class)), "token-ownership");
        topology.addSink(CLAIM_RESULTS_SINK, s.topic(Topics.CLAIM_RESULTS), keys.serializer(), wire.serializer(), "token-ownership");

        // Global stores are restored byte for byte from their topic, so they use the topic's serde.
        topology.addGlobalStore(globalStore(s, TOKEN_STORE, wire), "tokens-source", keys.deserializer(), wire.deserializer(),
                s.topic(Topics.TOKENS), "tokens-loader", () -> new GlobalStoreLoader(TOKEN_STORE));
        topology.addGlobalStore(globalStore(s, KEY_STORE, wire), "keys-source", keys.deserializer(), wire.deserializer(),
                s.topic(Topics.TOKEN_KEYS), "keys-loader", () -> new GlobalStoreLoader(KEY_STORE));
        return topology;
    }

    private static Serializer<SpecificRecord> nullSafe(
            Serializer<SpecificRecord> serializer) {
        return (topic, value) -> value == null ? null : serializer.serialize(topic, value);
    }

    /** Shredding writes only tombstones: a null value, with no schema lookup. */
    private static Serializer<SpecificRecord> tombstones() {
        return (topic, value) -> {
            if (value != null) {
                throw new IllegalArgumentException("only tombstones go to the key topic from the contract processor");
            }
            return null;
        };
    }

    /**
     * A changelog rolls a segment every 64 MB or hour, so the log cleaner compacts it to about one
     * record per key: an instance on an empty state folder restores each contract's last state, not
     * every state it ever had (a busy day's updates made a 1 M-contract restore read 13.9 M records).
     */
    static final Map<String, String> CHANGELOG_CONFIG = Map.of(
            "segment.bytes", Integer.toString(64 * 1024 * 1024),
            "segment.ms", Long.toString(Duration.ofHours(1).toMillis()),
            "min.cleanable.dirty.ratio", "0.2");

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(Settings s, String name, Serde<V> values) {
        KeyValueBytesStoreSupplier supplier = s.persistent() ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values).withLoggingEnabled(CHANGELOG_CONFIG);
    }

    private static StoreBuilder<KeyValueStore<String, SpecificRecord>> globalStore(Settings s, String name,
                                                                                  Serde<SpecificRecord> values) {
        return store(s, name, values).withLoggingDisabled();
    }

    /** Keeps a global store equal to its compacted topic; a tombstone deletes (crypto-shredding). */
    private static final class GlobalStoreLoader implements Processor<String, SpecificRecord, Void, Void> {
        private final String storeName;
        private KeyValueStore<String, SpecificRecord> store;

        GlobalStoreLoader(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, SpecificRecord> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
