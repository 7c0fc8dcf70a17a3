package jp.shinkin.otp.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the topology's own stores and changelogs: Avro single-object encoding (a schema
 * fingerprint and the binary record). Stores stay readable without the registry in the hot path;
 * the registry is for the topics other systems read.
 */
public final class StoreSerde {
    private StoreSerde() {
    }

    public static <T extends SpecificRecordBase> Serde<T> of(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = SpecificData.get().getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema);
        // A record carries the fingerprint of the schema it was written with: the decoder must know
        // every recorded version, or state written before an upgrade could not be read after it.
        recordedVersions(schema.getFullName()).forEach(decoder::addSchema);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] out = new byte[buffer.remaining()];
                buffer.get(out);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The versions recorded under schemas/history, shipped in the schemas jar as schema-history/. */
    public static List<Schema> recordedVersions(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = StoreSerde.class.getResourceAsStream("/schema-history/" + fullName + "/v" + v + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
