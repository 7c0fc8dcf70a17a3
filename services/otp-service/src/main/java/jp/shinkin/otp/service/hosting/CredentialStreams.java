package jp.shinkin.otp.service.hosting;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import jp.shinkin.otp.credentials.AnswerGate;
import jp.shinkin.otp.credentials.CredentialSettings;
import jp.shinkin.otp.credentials.CredentialTopology;
import jp.shinkin.otp.credentials.GlobalStoreRecovery;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.messaging.StreamsApplication;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.service.messaging.KafkaClients;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the credential topology in this service's JVM, so the task that decides a contract's
 * commands completes the HTTP request waiting for it. (Run directly rather than through
 * micronaut-kafka-streams, whose builder is for the DSL; this topology is Processor API with
 * global stores.)
 */
@Context
public class CredentialStreams {
    private final KafkaStreams streams;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialStreams.class);
    private final String applicationServer;
    private final GlobalStoreRecovery recovery;
    private final String topicPrefix;
    private final RestoreProgress restoring = new RestoreProgress();

    public CredentialStreams(StreamsHosting hosting, SingleWriterPolicy rules, AdvertisedAddress address,
                             MessagingConfiguration messaging,
                             KafkaClients clients, KekRing keks, CodeSealer codes,
                             Serde<SpecificRecord> wire, PendingReplies replies) {
        this.topicPrefix = messaging.getTopicPrefix();
        OtpPolicy defaults = OtpPolicy.DEFAULT;
        OtpPolicy policy = new OtpPolicy(defaults.window(), rules.getMaxOtpFailures(), rules.getMaxPasswordFailures(),
                defaults.ticketTtl());
        AnswerGate answers = AnswerGate.onCommit(hosting.isCommitEachDecision());
        Topology topology = CredentialTopology.build(new CredentialSettings(messaging.getTopicPrefix(), policy, codes, keks,
                wire, rules.getIdempotencyTtl(), replies, answers, hosting.isPersistentStores()));
        URI advertised = URI.create(address.getAdvertisedUrl());
        this.applicationServer = advertised.getHost() + ":" + advertised.getPort();

        String applicationId = StreamsApplication.CREDENTIALS.idIn(messaging.getTopicPrefix());
        this.recovery = new GlobalStoreRecovery(Path.of(hosting.getStateDir(), applicationId));
        if (recovery.beforeStart()) {
            LOG.warn("unclean shutdown found in {}: the global stores (issued tokens, data keys) are read again from their topics",
                    hosting.getStateDir());
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.putAll(clients.base());
        props.put(StreamsConfig.STATE_DIR_CONFIG, hosting.getStateDir());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.putAll(hosting.getStreams());
        props.putAll(CredentialTopology.requiredConfig(messaging.getTopicPrefix()));
        this.streams = new KafkaStreams(topology, props, answers.clientSupplier());
        // A stream thread that fails (a registry outage outlasting RegistryOutage's patience, a
        // broker error) is replaced and starts again from its last commit: nothing is skipped, and
        // the instance keeps serving. The global thread cannot be replaced: the client stops, the
        // health turns DOWN, and a restart rebuilds the global stores (GlobalStoreRecovery).
        this.streams.setUncaughtExceptionHandler(error -> {
            LOG.error("a stream thread of the credential topology failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.streams.setGlobalStateRestoreListener(restoring);
        this.streams.start();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** How far the stores are restored, while they are. */
    public RestoreProgress restoreProgress() {
        return restoring;
    }

    /** The name of a catalogue topic as this deployment has it. */
    public String topic(Topic<?, ?> topic) {
        return topic.nameIn(topicPrefix);
    }

    /** host:port of this instance as the other instances see it. */
    public String applicationServer() {
        return applicationServer;
    }

    @PreDestroy
    void close() {
        // Leave the group at once so the other instances take the partitions without waiting out a session.
        boolean closed = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
        if (closed && streams.state() == KafkaStreams.State.NOT_RUNNING) {
            recovery.closedCleanly();
        }
    }
}
