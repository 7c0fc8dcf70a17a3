package jp.shinkin.otp.messaging;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** What every Kafka Streams application reading the audit log ({@code otp.events}) applies over its own settings. */
public final class AuditLogReaders {
    /**
     * Exactly once, like the credential topology: what an application records (an alert written, a
     * mail sent) commits with its input offsets, so a restart neither repeats nor loses it. A record
     * this version cannot read is logged and skipped: a reader of the log must not stop every alert or
     * notice behind it (the single writer never skips; see CredentialTopology.requiredConfig).
     */
    public static final Map<String, String> REQUIRED_CONFIG = Map.of(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());

    private AuditLogReaders() {
    }
}
