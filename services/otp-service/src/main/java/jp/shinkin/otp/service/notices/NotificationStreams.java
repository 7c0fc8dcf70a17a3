package jp.shinkin.otp.service.notices;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Properties;
import jp.shinkin.otp.messaging.AuditLogReaders;
import jp.shinkin.otp.messaging.StreamsApplication;
import jp.shinkin.otp.notifications.BankSender;
import jp.shinkin.otp.notifications.Letters;
import jp.shinkin.otp.notifications.NoticeSettings;
import jp.shinkin.otp.notifications.NotificationTopology;
import jp.shinkin.otp.notifications.SmtpMailer;
import jp.shinkin.otp.service.hosting.StreamsHosting;
import jp.shinkin.otp.service.messaging.KafkaClients;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import jp.shinkin.otp.service.messaging.SideApplications;
import jp.shinkin.otp.service.pages.BankProfile;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the customer-notices application beside the service (application ID
 * {@code otp-notifications}: its own consumer group, offsets and stores) when
 * {@code otp.notifications.enabled=true}; it sends through the SMTP relay of
 * {@code otp.notifications.smtp.*} as the bank of {@code otp.bank.*}.
 */
@Context
@Requires(property = "otp.notifications.enabled", value = "true")
public class NotificationStreams {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationStreams.class);

    private final KafkaStreams streams;

    public NotificationStreams(MessagingConfiguration messaging, StreamsHosting hosting, KafkaClients clients,
                               Serde<SpecificRecord> wire, BankProfile bank, NoticeAddresses addresses,
                               @Value("${otp.notifications.from:notices@shinkin.example}") String from,
                               @Value("${otp.notifications.smtp.host:localhost}") String host,
                               @Value("${otp.notifications.smtp.port:25}") int port,
                               @Value("${otp.notifications.smtp.starttls:true}") boolean startTls,
                               @Value("${otp.notifications.smtp.username:}") String username,
                               @Value("${otp.notifications.smtp.password:}") String password,
                               @Value("${otp.notifications.smtp.timeout:5s}") Duration timeout,
                               @Value("${otp.notifications.retry.attempts:5}") int attempts,
                               @Value("${otp.notifications.retry.first-delay:1s}") Duration firstDelay,
                               @Value("${otp.notifications.max-age:24h}") Duration maxAge,
                               @Value("${otp.notifications.sent-retention:7d}") Duration sentRetention) {
        BankSender sender = new BankSender(from, bank.getNameJa(), bank.getNameEn(), bank.getDeskPhone(), bank.getDeskHoursJa(),
                bank.getDeskHoursEn(), bank.getLostPhone(), bank.getLostHoursJa(), bank.getLostHoursEn());
        NoticeSettings settings = new NoticeSettings(new Letters(sender),
                new SmtpMailer(host, port, startTls, username, password, timeout, sender), addresses,
                new NoticeSettings.Retry(attempts, firstDelay), maxAge, sentRetention);
        Properties props = SideApplications.properties(
                StreamsApplication.NOTICES.idIn(messaging.getTopicPrefix()), clients.base(), hosting.getStateDir(),
                Integer.parseInt(hosting.getStreams().getOrDefault("replication.factor", "1")));
        props.putAll(AuditLogReaders.REQUIRED_CONFIG);
        // A notice may wait for the relay (attempts × timeout, plus the pauses) inside one transaction:
        // the transaction must outlive that wait, or it is aborted and the mails already sent in it go again.
        long patient = attempts * timeout.toMillis() * 3 + firstDelay.toMillis() * ((1L << attempts) - 1);
        props.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), (int) Math.max(60_000, Math.min(patient + 30_000, 900_000)));
        props.put(StreamsConfig.consumerPrefix("max.poll.interval.ms"), (int) Math.max(300_000, Math.min(patient + 60_000, 900_000)));
        streams = new KafkaStreams(NotificationTopology.build(messaging.getTopicPrefix(), wire, settings), props);
        // A relay that stays away, or keys not loaded yet: the thread is replaced and resumes at its last commit.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.warn("notices paused, resuming from the last commit: {}", rootMessage(e));
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
    }

    /** The application itself (its metrics are bound by StreamsMetricsBinder). */
    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @PreDestroy
    void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
    }
}
