package jp.shinkin.otp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every record of the contract through the real registry and the real broker: the bytes on the
 * topic are the Confluent wire format, and the schema ID in them resolves through the registry's
 * Confluent-compatible API.
 */
@PlatformTest
class WireFormatRoundTripTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRecordRoundTripsInTheConfluentWireFormat(KafkaPlatform platform) throws Exception {
        String prefix = platform.freshTopics();
        Topic<String, SpecificRecord> events = Topics.EVENTS.withPrefix(prefix);
        AvroSerdes serdes = new AvroSerdes(RegistrySettings.forBaseUrl(platform.registryUrl()));
        Serde<SpecificRecord> serde = serdes.valueSerde(events);
        List<Class<? extends SpecificRecordBase>> types = SampleRecords.contractRecords();
        assertThat(types).hasSizeGreaterThanOrEqualTo(38);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (Class<? extends SpecificRecordBase> type : types) {
                SpecificRecord sample = SampleRecords.sample(type);
                byte[] bytes = serde.serializer().serialize(events.name(), sample);

                assertThat(bytes[0]).as("magic byte of %s", type.getSimpleName()).isZero();
                int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
                HttpResponse<String> schema = http.send(HttpRequest.newBuilder(
                        URI.create(platform.confluentCompatibleUrl() + "/schemas/ids/" + schemaId))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(schema.statusCode()).as("schema id %d of %s", schemaId, type.getSimpleName()).isEqualTo(200);
                assertThat(schema.body()).contains("\\\"name\\\":\\\"" + type.getSimpleName() + "\\\"");

                assertThat(serde.deserializer().deserialize(events.name(), bytes)).isEqualTo(sample);
                producer.send(new ProducerRecord<>(events.name(), type.getSimpleName(), bytes)).get();
            }
        }

        // A plain consumer reads the same bytes back from the broker and decodes every one.
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(events.name()));
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < types.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    SpecificRecord decoded = serde.deserializer().deserialize(events.name(), record.value());
                    assertThat(decoded.getClass().getSimpleName()).isEqualTo(record.key());
                    seen.add(record.key());
                }
            }
            assertThat(seen).hasSize(types.size());
        }
    }
}
