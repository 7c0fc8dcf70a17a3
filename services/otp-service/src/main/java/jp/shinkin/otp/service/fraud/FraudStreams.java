package jp.shinkin.otp.service.fraud;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Properties;
import jp.shinkin.otp.fraud.FraudRules;
import jp.shinkin.otp.fraud.FraudTopology;
import jp.shinkin.otp.messaging.AuditLogReaders;
import jp.shinkin.otp.messaging.StreamsApplication;
import jp.shinkin.otp.service.hosting.StreamsHosting;
import jp.shinkin.otp.service.messaging.KafkaClients;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import jp.shinkin.otp.service.messaging.SideApplications;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs the fraud-analytics topology beside the service, as its own Kafka Streams application
 * (application ID {@code otp-fraud-analytics}, its own consumer group and stores); set
 * {@code otp.fraud.enabled=false} to run it elsewhere.
 */
@Context
@Requires(property = "otp.fraud.enabled", notEquals = "false")
public class FraudStreams {
    private final KafkaStreams streams;

    public FraudStreams(MessagingConfiguration messaging, StreamsHosting hosting,
                        KafkaClients clients, Serde<SpecificRecord> wire,
                        @Value("${otp.fraud.burst-count:3}") int burstCount,
                        @Value("${otp.fraud.burst-window:5m}") Duration burstWindow,
                        @Value("${otp.fraud.source-contracts:5}") int sourceContracts,
                        @Value("${otp.fraud.source-window:10m}") Duration sourceWindow,
                        @Value("${otp.fraud.after-change-window:10m}") Duration afterChangeWindow) {
        FraudRules rules = new FraudRules(burstCount, burstWindow, sourceContracts, sourceWindow, afterChangeWindow);
        Properties props = SideApplications.properties(
                StreamsApplication.FRAUD.idIn(messaging.getTopicPrefix()), clients.base(), hosting.getStateDir(),
                Integer.parseInt(hosting.getStreams().getOrDefault("replication.factor", "1")));
        props.putAll(AuditLogReaders.REQUIRED_CONFIG);
        streams = new KafkaStreams(FraudTopology.build(messaging.getTopicPrefix(), rules, wire), props);
        streams.start();
    }

    /** The application itself (its metrics are bound by StreamsMetricsBinder). */
    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @PreDestroy
    void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
    }
}
