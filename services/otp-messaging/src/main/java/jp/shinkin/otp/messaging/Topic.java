package jp.shinkin.otp.messaging;

import java.util.Objects;

/**
 * A topic with its key and value types. The value type is the Avro base the topic carries
 * ({@code SpecificRecord} for topics with several record types).
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, TopicSpec spec, String description) {
    public Topic {
        Objects.requireNonNull(name);
        Objects.requireNonNull(keyType);
        Objects.requireNonNull(valueType);
        Objects.requireNonNull(spec);
    }

    /** The same topic under a name prefix (test isolation, or several platforms on one cluster). */
    public Topic<K, V> withPrefix(String prefix) {
        return new Topic<>(prefix + name, keyType, valueType, spec, description);
    }
}
