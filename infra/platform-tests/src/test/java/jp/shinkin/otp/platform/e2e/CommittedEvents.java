package jp.shinkin.otp.platform.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.Purpose;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The event log as a reader with read_committed sees it: only what was committed. */
final class CommittedEvents {
    private CommittedEvents() {
    }

    /** Every committed event of {@code otp.events}, oldest first per partition, to {@code each(contractId, event)}. */
    static void forEach(String bootstrap, String registry, BiConsumer<String, SpecificRecord> each) {
        var serde = new AvroSerdes(RegistrySettings.forBaseUrl(registry)).valueSerde(Topics.EVENTS);
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), serde.deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(r.key(), r.value());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
    }

    /** How many login OtpVerified events each {@code contractId@step} has in the committed log. */
    static Map<String, Integer> loginAcceptances(String bootstrap, String registry) {
        Map<String, Integer> logged = new HashMap<>();
        forEach(bootstrap, registry, (contract, event) -> {
            if (event instanceof OtpVerified v && v.getPurpose() == Purpose.LOGIN) {
                logged.merge(contract + "@" + v.getStep(), 1, Integer::sum);
            }
        });
        return logged;
    }
}
