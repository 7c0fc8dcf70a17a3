package jp.shinkin.otp.platform.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.shinkin.otp.messaging.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the catalogue's topics that do not exist yet, with their partitions and settings, and
 * replicated as the deployment says: with three copies a write needs two before it is acknowledged.
 */
public final class TopicProvisioner {
    private TopicProvisioner() {
    }

    /** @return the names it created (existing topics are left as they are) */
    public static List<String> ensure(Admin admin, List<Topic<?, ?>> topics, short replicationFactor)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), t.spec().partitions(), replicationFactor).configs(configs(t, replicationFactor)))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
        return missing.stream().map(NewTopic::name).toList();
    }

    private static Map<String, String> configs(Topic<?, ?> topic, short replicationFactor) {
        Map<String, String> configs = new HashMap<>(topic.spec().configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(KraftBroker.minInSyncReplicas(replicationFactor)));
        return configs;
    }
}
