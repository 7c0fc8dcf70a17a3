package jp.shinkin.otp.credentials;

import java.time.Duration;
import java.util.Map;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.Store;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

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
                Topics.DEAD_LETTERS.nameIn(topicPrefix));
    }

    private CredentialTopology() {
    }

    public static Topology build(CredentialSettings s) {
        Topology topology = new Topology();
        Serde<String> keys = Serdes.String();
        Serde<SpecificRecord> wire = RegistryOutage.patient(s.wireSerde());

        source(topology, s, wire, "commands", Topics.COMMANDS);
        source(topology, s, wire, "claim-results", Topics.CLAIM_RESULTS);
        topology.addProcessor("contracts", () -> new ContractProcessor(s), "commands", "claim-results");
        topology.addStateStore(store(s, StateStores.CONTRACTS), "contracts");
        topology.addStateStore(store(s, StateStores.REPLIES), "contracts");
        topology.addStateStore(store(s, StateStores.REPLY_EXPIRY), "contracts");
        sink(topology, s, wire, Sinks.EVENTS_SINK, Topics.EVENTS, "contracts");
        sink(topology, s, wire, Sinks.TOKEN_CLAIMS_SINK, Topics.TOKEN_CLAIMS, "contracts");
        topology.addSink(Sinks.KEY_TOMBSTONES_SINK, s.topic(Topics.TOKEN_KEYS), keys.serializer(), tombstones(), "contracts");
        topology.addSink(Sinks.DEAD_LETTERS_SINK, s.topic(Topics.DEAD_LETTERS), keys.serializer(), nullSafe(wire.serializer()), "contracts");

        source(topology, s, wire, "token-claims", Topics.TOKEN_CLAIMS);
        topology.addProcessor("token-ownership", TokenClaimProcessor::new, "token-claims");
        topology.addStateStore(store(s, StateStores.TOKEN_OWNERS), "token-ownership");
        sink(topology, s, wire, Sinks.CLAIM_RESULTS_SINK, Topics.CLAIM_RESULTS, "token-ownership");

        globalStore(topology, s, wire, StateStores.ISSUED_TOKENS, "tokens");
        globalStore(topology, s, wire, StateStores.TOKEN_DATA_KEYS, "keys");
        return topology;
    }

    private static void source(Topology topology, CredentialSettings s, Serde<SpecificRecord> wire, String name,
                               Topic<String, SpecificRecord> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde(wire).deserializer(), s.topic(topic));
    }

    private static void sink(Topology topology, CredentialSettings s, Serde<SpecificRecord> wire, String name,
                             Topic<String, SpecificRecord> topic, String parent) {
        topology.addSink(name, s.topic(topic), topic.keySerde().serializer(), topic.valueSerde(wire).serializer(), parent);
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

    /** A store the topology writes: changelogged, its values in the stores' own encoding. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(CredentialSettings s, Store<String, V> store) {
        return store.builder(s.persistent(), s.wireSerde()).withLoggingEnabled(CHANGELOG_CONFIG);
    }

    /**
     * A store on every instance, restored byte for byte from its compacted topic (so with the
     * topic's serde, and no changelog of its own).
     */
    private static void globalStore(Topology topology, CredentialSettings s, Serde<SpecificRecord> wire, Store<String, SpecificRecord> store,
                                    String name) {
        topology.addGlobalStore(store.builder(s.persistent(), wire).withLoggingDisabled(), name + "-source",
                Serdes.String().deserializer(), wire.deserializer(), s.topic(store.source()), name + "-loader",
                () -> new GlobalStoreLoader(store));
    }

    /** Keeps a global store equal to its compacted topic; a tombstone deletes (crypto-shredding). */
    private static final class GlobalStoreLoader implements Processor<String, SpecificRecord, Void, Void> {
        private final Store<String, SpecificRecord> kind;
        private KeyValueStore<String, SpecificRecord> store;

        GlobalStoreLoader(Store<String, SpecificRecord> kind) {
            this.kind = kind;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = kind.in(context);
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
