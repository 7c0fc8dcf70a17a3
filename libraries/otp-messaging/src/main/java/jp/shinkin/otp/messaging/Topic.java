package jp.shinkin.otp.messaging;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic with its key and value types, and so its serdes. The value type is the Avro base the
 * topic carries ({@code SpecificRecord} for topics with several record types); Avro values go
 * through the registry's wire serde, anything else (the dead letters' raw bytes) through Kafka's.
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, TopicSpec spec, String description) {
    public Topic {
        Objects.requireNonNull(name);
        Objects.requireNonNull(keyType);
        Objects.requireNonNull(valueType);
        Objects.requireNonNull(spec);
    }

    /**
     * The topic's name under a prefix (empty in production; tests and several platforms on one
     * cluster isolate with it). The one place a prefix and a topic name are joined.
     */
    public String nameIn(String prefix) {
        return Objects.requireNonNull(prefix) + name;
    }

    /** The same topic under a name prefix. */
    public Topic<K, V> withPrefix(String prefix) {
        return new Topic<>(nameIn(prefix), keyType, valueType, spec, description);
    }

    public Serde<K> keySerde() {
        return Serdes.serdeFrom(keyType);
    }

    /** @param avro the registry-backed serde of the platform's Avro records */
    @SuppressWarnings("unchecked")
    public Serde<V> valueSerde(Serde<SpecificRecord> avro) {
        if (SpecificRecord.class.isAssignableFrom(valueType)) {
            return (Serde<V>) (Serde<?>) Objects.requireNonNull(avro);
        }
        return Serdes.serdeFrom(valueType);
    }
}
