package jp.shinkin.otp.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.wire.FraudAlert;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every topic of the platform, once. Topologies and clients name topics only through here.
 * Keyed topics have 6 partitions: the most instances that can share the work of one concern.
 * Replication (how many copies, {@code min.insync.replicas}) belongs to the deployment, not to a
 * topic: whoever creates the topics sets it for all of them alike.
 */
public final class Topics {
    private static final int KEYED_PARTITIONS = 6;

    /** Commands to the credential topology, keyed by contract ID. Replayable for a week. */
    public static final Topic<String, SpecificRecord> COMMANDS = new Topic<>("otp.commands", String.class,
            SpecificRecord.class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", millis(Duration.ofDays(7)))),
            "commands for the single writer of each contract");

    /**
     * The audit log, keyed by contract ID: every fact about every contract. Kept forever
     * (retention is a bank policy decision; see README "Retention"); seeds inside are sealed
     * and die with their data key.
     */
    public static final Topic<String, SpecificRecord> EVENTS = new Topic<>("otp.events", String.class,
            SpecificRecord.class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", "-1",
                    "retention.bytes", "-1")),
            "contract events: the audit log");

    /** Issued tokens, keyed by token ID; compacted (the latest fact per token is what counts). */
    public static final Topic<String, SpecificRecord> TOKENS = new Topic<>("otp.tokens", String.class,
            SpecificRecord.class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "compact")),
            "issued tokens with sealed seeds");

    /**
     * Wrapped data keys, keyed by token ID (and, for customers' notice addresses, by
     * {@code contact:<contract>:<id>}). A tombstone shreds a token, or an address. Compaction is
     * forced within {@code max.compaction.lag.ms} and tombstones vanish after
     * {@code delete.retention.ms}, so an old key's bytes survive in the log at most about
     * {@code segment.ms + max.compaction.lag.ms + delete.retention.ms} = 3 h after the shred.
     */
    public static final Topic<String, WrappedDataKey> TOKEN_KEYS = new Topic<>("otp.token-keys", String.class,
            WrappedDataKey.class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "compact",
                    "segment.ms", millis(Duration.ofHours(1)),
                    "max.compaction.lag.ms", millis(Duration.ofHours(1)),
                    "delete.retention.ms", millis(Duration.ofHours(1)),
                    "min.cleanable.dirty.ratio", "0.01")),
            "wrapped data keys; tombstone = crypto-shred");

    /**
     * The token-ID uniqueness step's input, keyed by token ID: claims and releases, written only by
     * the contract topology.
     */
    public static final Topic<String, SpecificRecord> TOKEN_CLAIMS = new Topic<>("otp.token-claims", String.class,
            SpecificRecord.class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", millis(Duration.ofDays(7)))),
            "token-ID claims and releases for the uniqueness step");

    /** The uniqueness step's answers, keyed by contract ID (co-partitioned with the commands). */
    public static final Topic<String, SpecificRecord> CLAIM_RESULTS = new Topic<>("otp.claim-results", String.class,
            SpecificRecord.class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", millis(Duration.ofDays(7)))),
            "answers of the token-ID uniqueness step");

    /** Fraud detections, keyed by contract ID (or source for cross-contract rules). */
    public static final Topic<String, FraudAlert> FRAUD_ALERTS = new Topic<>("otp.fraud-alerts", String.class,
            FraudAlert.class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", millis(Duration.ofDays(400)))),
            "fraud-analytics alerts");

    /**
     * Records of the credential topology's inputs that are not readable commands, copied as they
     * came (headers: source topic, partition, offset, error class) so that nothing is skipped
     * unseen; keyed as their source. Kept as long as the commands.
     */
    public static final Topic<String, byte[]> DEAD_LETTERS = new Topic<>("otp.dead-letters", String.class,
            byte[].class, new TopicSpec(KEYED_PARTITIONS, Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", millis(Duration.ofDays(7)))),
            "unreadable input records, set aside");

    public static final List<Topic<?, ?>> ALL = List.of(COMMANDS, EVENTS, TOKENS, TOKEN_KEYS, TOKEN_CLAIMS, CLAIM_RESULTS,
            FRAUD_ALERTS, DEAD_LETTERS);

    private Topics() {
    }

    /**
     * A Kafka Streams application ID (or a transactional ID) under the topic prefix: the internal
     * topics (changelogs, repartitions) are named from it, so it is prefixed like a topic.
     */
    public static String applicationId(String prefix, String application) {
        return prefix + application;
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}
