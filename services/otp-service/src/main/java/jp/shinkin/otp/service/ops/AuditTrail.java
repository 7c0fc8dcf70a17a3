package jp.shinkin.otp.service.ops;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.credentials.EventView;
import jp.shinkin.otp.messaging.KeyPartitions;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.api.Unavailable;
import jp.shinkin.otp.service.messaging.LogConsumers;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * A contract's events read from the log itself (not from a store), oldest first: the partition
 * the contract's key hashes to, from its beginning to the last committed offset, each event as
 * {@link EventView} shows it (no sealed value, no password hash).
 */
@Singleton
public class AuditTrail {
    private static final Duration READ_DEADLINE = Duration.ofSeconds(20);

    private final LogConsumers consumers;
    private final String topic;

    public AuditTrail(LogConsumers consumers, MessagingConfiguration messaging) {
        this.consumers = consumers;
        this.topic = Topics.EVENTS.nameIn(messaging.getTopicPrefix());
    }

    public List<Map<String, Object>> events(String contractId) {
        try (KafkaConsumer<String, SpecificRecord> consumer = consumers.open("otp-audit-trail")) {
            int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).size();
            int partition = KeyPartitions.of(contractId, partitions);
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(5)).get(tp);
            Instant deadline = Instant.now().plus(READ_DEADLINE);
            List<Map<String, Object>> events = new ArrayList<>();
            while (consumer.position(tp, Duration.ofSeconds(5)) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new Unavailable("the event log could not be read in time; retry shortly");
                }
                for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    if (contractId.equals(r.key()) && r.value() != null) {
                        events.add(EventView.of(r.value()));
                    }
                }
            }
            return events;
        } catch (KafkaException e) {
            throw new Unavailable("the event log is out of reach; retry shortly");
        }
    }
}
