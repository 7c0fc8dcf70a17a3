package jp.shinkin.otp.audit;

import java.util.List;
import jp.shinkin.otp.messaging.StreamsApplication;
import jp.shinkin.otp.messaging.Topics;
import org.apache.kafka.tools.StreamsResetter;

/**
 * {@code reset-fraud}: Kafka's Streams application reset for the fraud-analytics application —
 * its input offsets back to the start of the event log, its internal topics (repartition,
 * changelogs) deleted — so that, restarted on an empty state directory, it rebuilds its stores from
 * the whole log. Alerts it emits again carry the same alert IDs, so consumers can drop repeats.
 * The credential topology is deliberately not offered: resetting it would decide every command
 * again and append its events a second time; its stores rebuild from their changelogs instead.
 */
public final class FraudReset {
    private FraudReset() {
    }

    /** Kafka's exit code: 0 when reset. Every instance of the application must be stopped first. */
    public static int run(AuditSettings settings) {
        List<String> args = List.of("--bootstrap-server", settings.bootstrapServers(),
                "--application-id", StreamsApplication.FRAUD.idIn(settings.topicPrefix()),
                "--input-topics", settings.topic(Topics.EVENTS),
                "--to-earliest");
        return new StreamsResetter().execute(args.toArray(String[]::new));
    }
}
