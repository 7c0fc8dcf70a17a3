package jp.shinkin.otp.service.messaging;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Consumers for reading a topic's log on request (audit trail, alerts): read_committed, no group, nothing committed. */
@Singleton
public class LogConsumers {
    private final KafkaClients clients;
    private final Serde<SpecificRecord> wire;

    public LogConsumers(KafkaClients clients, Serde<SpecificRecord> wire) {
        this.clients = clients;
        this.wire = wire;
    }

    /** A new consumer; the caller assigns partitions and closes it. */
    public KafkaConsumer<String, SpecificRecord> open(String purpose) {
        Map<String, Object> config = clients.base();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, purpose + "-" + UUID.randomUUID());
        return new KafkaConsumer<>(config, new StringDeserializer(), wire.deserializer());
    }
}
