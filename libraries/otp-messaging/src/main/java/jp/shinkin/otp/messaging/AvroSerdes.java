package jp.shinkin.otp.messaging;

import io.apicurio.registry.serde.avro.AvroSerde;
import org.apache.kafka.common.serialization.Serde;

/** Avro value serdes for the catalogue's topics, through the registry (keys are plain strings). */
public final class AvroSerdes {
    private final RegistrySettings settings;

    public AvroSerdes(RegistrySettings settings) {
        this.settings = settings;
    }

    /** A configured value serde; usable in Kafka Streams and in plain clients. */
    public <V> Serde<V> valueSerde(Topic<?, V> topic) {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(settings.serdeConfig(), false);
        return serde;
    }
}
