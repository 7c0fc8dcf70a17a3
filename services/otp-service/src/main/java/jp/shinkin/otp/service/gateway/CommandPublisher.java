package jp.shinkin.otp.service.gateway;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.messaging.KafkaClients;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes commands to the contract's partition: acks=all, idempotent, so a command is acknowledged
 * only once it is durable. The record timestamp is the decision's "now". A linger of a millisecond
 * or two ({@code otp.credentials.command-linger}) lets concurrent requests share a produce request.
 */
@Singleton
public class CommandPublisher {
    private final KafkaProducer<String, SpecificRecord> producer;
    private final String topic;

    public CommandPublisher(KafkaClients clients, Serde<SpecificRecord> wire, MessagingConfiguration messaging,
                            @Value("${otp.credentials.command-linger:0ms}") Duration linger) {
        Map<String, Object> config = clients.base();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "otp-service-commands");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), wire.serializer());
        this.topic = Topics.COMMANDS.nameIn(messaging.getTopicPrefix());
    }

    public CompletableFuture<RecordMetadata> publish(String contractId, SpecificRecord command, Instant timestamp) {
        CompletableFuture<RecordMetadata> written = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), contractId, command), (metadata, error) -> {
            if (error != null) {
                written.completeExceptionally(error);
            } else {
                written.complete(metadata);
            }
        });
        return written;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
