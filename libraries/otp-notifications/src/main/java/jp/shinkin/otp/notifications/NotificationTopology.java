package jp.shinkin.otp.notifications;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Customer notices, a Kafka Streams application of its own (own application ID, so its own
 * consumer group and offsets) reading the audit log:
 * <pre>
 *   otp.events ─▶ notices (per contract: where notices go; per event: sent once) ─▶ SMTP relay
 * </pre>
 * It writes no topic: its only output is mail. Its stores (RocksDB, changelogged): the sealed
 * address and language per contract, and the IDs of the events already mailed.
 */
public final class NotificationTopology {

    /**
     * Exactly-once: the record that a mail was sent and the input offset commit together, so a
     * restart resumes just after the last mail recorded.
     */
    public static final Map<String, String> REQUIRED_CONFIG = Map.of(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueExceptionHandler.class.getName());

    /**
     * @param maxAge        a notice for an event older than this (by wall clock) is not sent
     * @param sentRetention how long a sent event's ID is remembered
     * @param keyPatience   how long after its event a notice waits for its address's key to be readable
     */
    public record Settings(Letters letters, Mailer mailer, ContactAddresses addresses, Retry retry, Duration maxAge,
                           Duration sentRetention, Duration keyPatience) {
        public Settings(Letters letters, Mailer mailer, ContactAddresses addresses, Retry retry, Duration maxAge,
                        Duration sentRetention) {
            this(letters, mailer, addresses, retry, maxAge, sentRetention, Duration.ofMinutes(10));
        }

        public Settings {
            Objects.requireNonNull(letters);
            Objects.requireNonNull(mailer);
            Objects.requireNonNull(addresses);
            Objects.requireNonNull(retry);
            Objects.requireNonNull(maxAge);
            Objects.requireNonNull(sentRetention);
        }
    }

    /** How often, and how patiently, a mail the relay did not take is tried again before the thread gives up. */
    public record Retry(int attempts, Duration firstDelay) {
        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
        }
    }

    private NotificationTopology() {
    }

    public static Topology build(String topicPrefix, Serde<SpecificRecord> wire, Settings settings) {
        Topology topology = new Topology();
        topology.addSource("audit-log", Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde(wire).deserializer(),
                Topics.EVENTS.nameIn(topicPrefix));
        topology.addProcessor("notices", () -> new NoticeProcessor(settings), "audit-log");
        topology.addStateStore(StateStores.NOTICE_CONTACTS.builder(true, wire), "notices");
        topology.addStateStore(StateStores.NOTICES_SENT.builder(true, wire), "notices");
        return topology;
    }
}
