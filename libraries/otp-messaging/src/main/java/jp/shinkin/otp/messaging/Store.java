package jp.shinkin.otp.messaging;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A topology's key-value store with its key and value types, and so its serdes: a store restored
 * from a topic (a global store) holds that topic's records byte for byte; any other Avro value is
 * kept in the stores' own encoding ({@link StoreSerde}); plain values through Kafka's serdes.
 *
 * @param source the topic a global store is restored from; null for a store the topology writes
 */
public record Store<K, V>(String name, Class<K> keyType, Class<V> valueType, Topic<?, ?> source, String description) {
    public Store {
        Objects.requireNonNull(name);
        Objects.requireNonNull(keyType);
        Objects.requireNonNull(valueType);
    }

    public Serde<K> keySerde() {
        return Serdes.serdeFrom(keyType);
    }

    /** @param avro the registry-backed serde of the platform's Avro records (global stores keep the topic's bytes) */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Serde<V> valueSerde(Serde<SpecificRecord> avro) {
        if (source != null) {
            return (Serde<V>) (Serde<?>) Objects.requireNonNull(avro);
        }
        if (SpecificRecordBase.class.isAssignableFrom(valueType)) {
            return (Serde<V>) StoreSerde.of((Class) valueType);
        }
        return Serdes.serdeFrom(valueType);
    }

    /**
     * How a topology adds the store: on RocksDB ({@code persistent}) or in memory, with its serdes.
     * Logging (the changelog) is Kafka's default; the topology sets it.
     */
    public StoreBuilder<KeyValueStore<K, V>> builder(boolean persistent, Serde<SpecificRecord> avro) {
        KeyValueBytesStoreSupplier supplier = persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, keySerde(), valueSerde(avro));
    }

    /** The store as a processor of its topology sees it. */
    public KeyValueStore<K, V> in(ProcessingContext context) {
        return context.getStateStore(name);
    }

    /** How an interactive query names this store. */
    public StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query() {
        return StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
    }
}
