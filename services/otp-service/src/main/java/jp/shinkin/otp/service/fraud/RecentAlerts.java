package jp.shinkin.otp.service.fraud;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.credentials.EventView;
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
 * The most recent alerts, read from the tail of {@code otp.fraud-alerts} (every partition, the
 * last {@code limit} records of each, newest first): any instance answers the same.
 */
@Singleton
public class RecentAlerts {
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    private final LogConsumers consumers;
    private final String topic;

    public RecentAlerts(LogConsumers consumers, MessagingConfiguration messaging) {
        this.consumers = consumers;
        this.topic = Topics.FRAUD_ALERTS.nameIn(messaging.getTopicPrefix());
    }

    public List<Map<String, Object>> recent(int limit, String contractId) {
        try (KafkaConsumer<String, SpecificRecord> consumer = consumers.open("otp-recent-alerts")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
            // A contract's alerts are all on its partition; otherwise the tail of each partition.
            long window = contractId == null ? limit : Long.MAX_VALUE;
            partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - window)));
            List<ConsumerRecord<String, SpecificRecord>> read = new ArrayList<>();
            Instant deadline = Instant.now().plus(READ_DEADLINE);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new Unavailable("the alerts could not be read in time; retry shortly");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null && (contractId == null || contractId.equals(r.key()))) {
                        read.add(r);
                    }
                });
            }
            return read.stream().sorted(Comparator.comparingLong((ConsumerRecord<String, SpecificRecord> r) -> r.timestamp())
                            .thenComparingLong(ConsumerRecord::offset).reversed())
                    .limit(limit).map(r -> EventView.of(r.value())).toList();
        } catch (KafkaException e) {
            throw new Unavailable("the alerts topic is out of reach; retry shortly");
        }
    }
}
