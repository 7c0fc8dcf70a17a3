package jp.shinkin.otp.credentials;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record on an input topic that is not a readable command (foreign bytes, an unknown schema)
 * cannot be decided. It must not stop its partition, and it must not vanish: it is copied, as it
 * came, to the dead-letter topic ({@code errors.dead.letter.queue.topic.name}) in the same
 * transaction that moves past it, with headers saying where it came from and why, and logged
 * (never its content). A registry outage is not such a record: {@link RegistryOutage} waits for
 * the registry, and if it is still down the thread fails rather than skip.
 */
public final class UnreadableRecords implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRecords.class);
    public static final String SOURCE_TOPIC = "otp.source.topic";
    public static final String SOURCE_PARTITION = "otp.source.partition";
    public static final String SOURCE_OFFSET = "otp.source.offset";
    public static final String ERROR = "otp.error";

    private String deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must name the dead-letter topic");
        }
        this.deadLetters = topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (RegistryOutage.isOutage(exception)) {
            LOG.warn("cannot read {}-{}@{}: the schema registry is still unreachable; the stream thread restarts from its last commit",
                    record.topic(), record.partition(), record.offset());
            return Response.fail();
        }
        LOG.warn("unreadable record {}-{}@{} set aside on {} ({})", record.topic(), record.partition(), record.offset(),
                deadLetters, exception.getClass().getSimpleName());
        return Response.resume(List.of(deadLetter(deadLetters, record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), exception)));
    }

    /** The dead-letter copy of a record: its key and value as they came, with {@link #origin}. */
    static ProducerRecord<byte[], byte[]> deadLetter(String deadLetters, String topic, int partition, long offset,
                                                     byte[] key, byte[] value, Throwable why) {
        return new ProducerRecord<>(deadLetters, null, key, value, origin(topic, partition, offset, why.getClass().getName()));
    }

    /** The headers of a dead letter: where it came from and why it was set aside. */
    static Headers origin(String topic, int partition, long offset, String why) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SOURCE_TOPIC, bytes(topic));
        headers.add(SOURCE_PARTITION, bytes(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, bytes(Long.toString(offset)));
        headers.add(ERROR, bytes(why));
        return headers;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
