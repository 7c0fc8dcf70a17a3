package jp.shinkin.otp.service.messaging;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jp.shinkin.otp.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Outside the dev profile, the brokers must keep what they acknowledge: every catalogue topic
 * replicated at least 3 times with {@code min.insync.replicas} at least 2, or a single broker's
 * loss can lose an acknowledged decision. Checked once at start, after the settings checks ({@link StartupCheck})
 * (which needs no broker); the refusal names every topic that falls short, on one line.
 */
@Context
@Requires(notEnv = {"dev", "test"})
public class BrokerSafety {
    public BrokerSafety(Admin admin, MessagingConfiguration messaging) {
        List<String> names = Topics.ALL.stream().map(t -> t.nameIn(messaging.getTopicPrefix())).toList();
        List<String> problems;
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(60, TimeUnit.SECONDS);
            problems = problems(topics.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> e.getValue().partitions().get(0).replicas().size())),
                    configs.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                            e -> Integer.parseInt(e.getValue().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupRefused("interrupted while checking the topics' replication");
        } catch (Exception e) {
            throw new StartupRefused("the topics' replication could not be checked (" + e.getMessage()
                    + "): create them first, replicated 3 times with min.insync.replicas 2");
        }
        if (!problems.isEmpty()) {
            throw new StartupRefused("refusing to start outside the dev profile: " + String.join("; ", problems));
        }
    }

    /** Topic by topic: replicas at least 3, min.insync.replicas at least 2. */
    static List<String> problems(Map<String, Integer> replicas, Map<String, Integer> minInSync) {
        List<String> problems = new ArrayList<>();
        replicas.keySet().stream().sorted().forEach(topic -> {
            int rf = replicas.get(topic);
            int isr = minInSync.getOrDefault(topic, 1);
            if (rf < 3 || isr < 2) {
                problems.add(topic + " has " + rf + " replica(s) and min.insync.replicas " + isr + " (at least 3 and 2)");
            }
        });
        return problems;
    }
}
