package jp.shinkin.otp.service.tokens;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.credentials.TokenIssuance;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.api.Unavailable;
import jp.shinkin.otp.service.hosting.CredentialStreams;
import jp.shinkin.otp.service.messaging.KafkaClients;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes issued tokens: each token's {@code TokenIssued} (sealed seed) and its wrapped data key
 * in one Kafka transaction, so a token is never visible without its key, nor a key without its
 * token; an import of many tokens commits all of them or none.
 */
@Singleton
public class TokenPublisher {
    private final KafkaProducer<String, SpecificRecord> producer;
    private final String tokensTopic;
    private final String keysTopic;
    private boolean initialised;

    public TokenPublisher(KafkaClients clients, Serde<SpecificRecord> wire, MessagingConfiguration messaging,
                          CredentialStreams streams) {
        Map<String, Object> config = clients.base();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "otp-token-issuer");
        // One writer per instance: its advertised address names it, so a restarted instance fences its former self.
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                Topics.applicationId(messaging.getTopicPrefix(), "otp-token-issuer-") + streams.applicationServer());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), wire.serializer());
        this.tokensTopic = Topics.TOKENS.nameIn(messaging.getTopicPrefix());
        this.keysTopic = Topics.TOKEN_KEYS.nameIn(messaging.getTopicPrefix());
    }

    /** Durable (acks=all, committed) when this returns; throws {@link NotPublished} otherwise. */
    public void publish(List<TokenIssuance> tokens) {
        inOneTransaction(() -> {
            for (TokenIssuance t : tokens) {
                String tokenId = t.issued().getTokenId();
                producer.send(new ProducerRecord<>(keysTopic, tokenId, t.key()));
                producer.send(new ProducerRecord<>(tokensTopic, tokenId, t.issued()));
            }
        });
    }

    /**
     * A data key alone (a customer's contact address is sealed under it): durable when this returns,
     * so the address it opens may then be recorded.
     */
    public void publishKey(WrappedDataKey key) {
        inOneTransaction(() -> producer.send(new ProducerRecord<>(keysTopic, key.getTokenId(), key)));
    }

    private synchronized void inOneTransaction(Runnable sends) {
        try {
            if (!initialised) {
                producer.initTransactions();
                initialised = true;
            }
            producer.beginTransaction();
            sends.run();
            producer.commitTransaction();
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException ignored) {
                // The transaction is already lost; the caller retries.
            }
            throw new NotPublished();
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The tokens were not written: nothing of them is visible, the caller may retry. */
    public static final class NotPublished extends Unavailable {
        public NotPublished() {
            super("the tokens could not be written; retry shortly");
        }
    }
}
