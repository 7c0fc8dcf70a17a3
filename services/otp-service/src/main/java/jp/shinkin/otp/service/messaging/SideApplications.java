package jp.shinkin.otp.service.messaging;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings every Kafka Streams application run beside the credential topology shares (fraud
 * analytics, customer notices): its own application ID, the service's client settings and state
 * directory, one thread, the topology's replication factor, quick commits and failure detection.
 */
public final class SideApplications {
    private SideApplications() {
    }

    public static Properties properties(String applicationId, Map<String, Object> clientSettings, String stateDir,
                                        int replicationFactor) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.putAll(clientSettings);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1500);
        return props;
    }
}
