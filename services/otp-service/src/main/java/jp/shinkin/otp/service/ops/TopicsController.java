package jp.shinkin.otp.service.ops;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Operations: the platform's topics as the broker has them (partitions, and whether they exist). */
@Controller("/v1/ops/topics")
public class TopicsController {
    private final Admin admin;
    private final MessagingConfiguration configuration;

    public TopicsController(Admin admin, MessagingConfiguration configuration) {
        this.admin = admin;
        this.configuration = configuration;
    }

    /**
     * {@code replicas}: the fewest copies any partition has; {@code minInSyncReplicas}: the copies a
     * write needs before it is acknowledged, as the brokers apply it (both 0 while the topic is missing).
     */
    @Serdeable
    public record TopicView(String name, String description, boolean exists, int partitions, int replicas,
                            int minInSyncReplicas, Map<String, String> configs) {
    }

    @Serdeable
    public record TopicsView(List<TopicView> topics) {
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public TopicsView topics() {
        List<Topic<?, ?>> catalogue = Topics.ALL.stream()
                .<Topic<?, ?>>map(t -> t.withPrefix(configuration.getTopicPrefix())).toList();
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> described = admin.describeTopics(
                    catalogue.stream().map(Topic::name).filter(existing::contains).toList())
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(described.keySet().stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(10, TimeUnit.SECONDS);
            return new TopicsView(catalogue.stream().map(t -> {
                TopicDescription d = described.get(t.name());
                if (d == null) {
                    return new TopicView(t.name(), t.description(), false, 0, 0, 0, t.spec().configs());
                }
                int replicas = d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
                int minInSync = Integer.parseInt(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
                return new TopicView(t.name(), t.description(), true, d.partitions().size(), replicas, minInSync, t.spec().configs());
            }).toList());
        } catch (Exception e) {
            throw new ApiException(ErrorCode.E5030, "the broker did not answer", null);
        }
    }
}
