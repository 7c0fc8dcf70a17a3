package jp.shinkin.otp.platform.local;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.messaging.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the catalogue's topics that do not exist yet, with their partitions and settings. */
public final class TopicProvisioner {
    private TopicProvisioner() {
    }

    /** @return the names it created (existing topics are left as they are) */
    public static List<String> ensure(Admin admin, List<Topic<?, ?>> topics, short replicationFactor)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), t.spec().partitions(), replicationFactor).configs(t.spec().configs()))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
        return missing.stream().map(NewTopic::name).toList();
    }
}
