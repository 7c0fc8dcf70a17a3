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
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/** Operations: the platform's topics as the broker has them (partitions, and whether they exist). */
@Controller("/v1/ops/topics")
public class TopicsController {
    private final Admin admin;
    private final MessagingConfiguration configuration;

    public TopicsController(Admin admin, MessagingConfiguration configuration) {
        this.admin = admin;
        this.configuration = configuration;
    }

    @Serdeable
    public record TopicView(String name, String description, boolean exists, int partitions, Map<String, String> configs) {
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
            return new TopicsView(catalogue.stream().map(t -> new TopicView(t.name(), t.description(),
                    described.containsKey(t.name()),
                    described.containsKey(t.name()) ? described.get(t.name()).partitions().size() : 0,
                    t.spec().configs())).toList());
        } catch (Exception e) {
            throw new ApiException(jp.shinkin.otp.domain.contract.ErrorCode.E5030, "the broker did not answer", null);
        }
    }
}
