package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.KeyPartitions;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics straight from the log (read_committed, no consumer group, nothing committed):
 * every partition from a start to the end offsets taken when the read began.
 */
final class LogReader<V> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final PrintStream err;

    /** Records decoded through the registry. */
    static LogReader<SpecificRecord> records(AuditSettings settings, PrintStream err) {
        return new LogReader<>(settings, err, wire(settings));
    }

    /** Records as the log holds them (decode later with {@link #wire}): to keep on disk as they are. */
    static LogReader<byte[]> raw(AuditSettings settings, PrintStream err) {
        return new LogReader<>(settings, err, new ByteArrayDeserializer());
    }

    /** The registry's decoder for the platform's topics (the schema ID is in the value; nothing in headers). */
    static Deserializer<SpecificRecord> wire(AuditSettings settings) {
        Serde<SpecificRecord> wire = new AvroSerdes(RegistrySettings.forBaseUrl(settings.registryUrl())).valueSerde(Topics.EVENTS);
        return wire.deserializer();
    }

    private LogReader(AuditSettings settings, PrintStream err, Deserializer<V> values) {
        Map<String, Object> config = settings.kafkaClient();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "otp-audit-" + UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        this.err = err;
    }

    List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    /** The partition a contract's records are on (the producers' default partitioner: murmur2 of the key). */
    TopicPartition partitionOf(String topic, String key) {
        List<TopicPartition> all = partitions(topic);
        return all.get(KeyPartitions.of(key, all.size()));
    }

    /** Every record of {@code partitions} from their beginning. */
    void readAll(List<TopicPartition> partitions, String label, Consumer<ConsumerRecord<String, V>> each) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        readToEnd(partitions, label, each);
    }

    /** Every record from the first at or after {@code from} (per partition) to the end. */
    void readFrom(List<TopicPartition> partitions, Instant from, String label,
                  Consumer<ConsumerRecord<String, V>> each) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            consumer.seek(p, at == null ? end.get(p) : at.offset());
        }
        readToEnd(partitions, label, each);
    }

    /** Every record from {@code offset} in each partition (clamped to what the log still holds). */
    void readFromOffset(List<TopicPartition> partitions, long offset, String label,
                        Consumer<ConsumerRecord<String, V>> each) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
        partitions.forEach(p -> consumer.seek(p, Math.max(offset, begin.get(p))));
        readToEnd(partitions, label, each);
    }

    /** The records written since the last read of {@code partitions} (assigned by an earlier read), to the end now. */
    void readOnward(List<TopicPartition> partitions, String label, Consumer<ConsumerRecord<String, V>> each) {
        readToEnd(partitions, label, each);
    }

    /**
     * Reads on until every partition's position is past the given offset. Under read_committed the
     * end is the last stable offset: a transaction still open below our own records holds it back,
     * so this returns only once every such transaction is committed or aborted (2 min at most).
     */
    void readPast(List<TopicPartition> partitions, Map<TopicPartition, Long> offsets, String label,
                  Consumer<ConsumerRecord<String, V>> each) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            readToEnd(partitions, label, each);
            if (offsets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) > e.getValue())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a transaction on " + partitions.get(0).topic()
                        + " stayed open for 2 minutes; run again later");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(each);
        }
    }

    private void readToEnd(List<TopicPartition> partitions, String label, Consumer<ConsumerRecord<String, V>> each) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> start = new HashMap<>();
        partitions.forEach(p -> start.put(p, consumer.position(p, Duration.ofSeconds(10))));
        long total = partitions.stream().mapToLong(p -> Math.max(0, end.get(p) - start.get(p))).sum();
        long done = 0;
        try (Progress progress = new Progress(err, label, total)) {
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                    done++;
                }
                progress.at(done);
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
