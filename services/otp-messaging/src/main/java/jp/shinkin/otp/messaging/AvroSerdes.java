package jp.shinkin.otp.messaging;

import io.apicurio.registry.serde.avro.AvroSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes for the catalogue's topics: String keys, Avro values through the registry. */
public final class AvroSerdes {
    private final RegistrySettings settings;

    public AvroSerdes(RegistrySettings settings) {
        this.settings = settings;
    }

    @SuppressWarnings("unchecked")
    public <K> Serde<K> keySerde(Topic<K, ?> topic) {
        if (topic.keyType() != String.class) {
            throw new IllegalArgumentException("only String keys are used: " + topic.name());
        }
        return (Serde<K>) Serdes.String();
    }

    /** A configured value serde; usable in Kafka Streams and in plain clients. */
    public <V> Serde<V> valueSerde(Topic<?, V> topic) {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(settings.serdeConfig(), false);
        return serde;
    }

    /** The same settings as client properties, for {@code value.serializer} style configuration. */
    public Map<String, Object> clientProperties() {
        return settings.serdeConfig();
    }
}
