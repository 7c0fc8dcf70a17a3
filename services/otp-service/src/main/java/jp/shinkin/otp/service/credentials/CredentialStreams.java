package jp.shinkin.otp.service.credentials;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import jp.shinkin.otp.credentials.CredentialTopology;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.service.messaging.KafkaClients;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs the credential topology in this service's JVM, so the task that decides a contract's
 * commands completes the HTTP request waiting for it. (Run directly rather than through
 * micronaut-kafka-streams, whose builder is for the DSL; this topology is Processor API with
 * global stores.)
 */
@Context
public class CredentialStreams {
    private final KafkaStreams streams;
    private final String applicationServer;

    public CredentialStreams(CredentialsConfiguration config, MessagingConfiguration messaging,
                             KafkaClients clients, KeyEncryptionKey kek, CodeSealer codes,
                             Serde<SpecificRecord> wire, PendingReplies replies) {
        OtpPolicy defaults = OtpPolicy.DEFAULT;
        OtpPolicy policy = new OtpPolicy(defaults.window(), config.getMaxOtpFailures(), config.getMaxPasswordFailures(),
                defaults.ticketTtl());
        Topology topology = CredentialTopology.build(new CredentialTopology.Settings(messaging.getTopicPrefix(), policy, codes, kek,
                wire, config.getIdempotencyTtl(), replies, config.isPersistentStores()));
        URI advertised = URI.create(config.getAdvertisedUrl());
        this.applicationServer = advertised.getHost() + ":" + advertised.getPort();

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, messaging.getTopicPrefix() + "otp-credentials");
        props.putAll(clients.base());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getStateDir());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.putAll(config.getStreams());
        props.putAll(CredentialTopology.REQUIRED_CONFIG);
        this.streams = new KafkaStreams(topology, props);
        this.streams.start();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** host:port of this instance as the other instances see it. */
    public String applicationServer() {
        return applicationServer;
    }

    @PreDestroy
    void close() {
        // Leave the group at once so the other instances take the partitions without waiting out a session.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
    }
}
