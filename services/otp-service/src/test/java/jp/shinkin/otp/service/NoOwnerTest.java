package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.testkit.PlatformTest;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * When no instance owns the contract's partition (here: the topology cannot start, its topics are
 * missing — the same answer a long rebalance gets), a verification is retried until the routing
 * deadline and then answered E5030 with Retry-After, never left hanging.
 */
@PlatformTest
class NoOwnerTest {
    @Test
    void noOwnerWithinTheDeadlineIsE5030WithRetryAfter() throws Exception {
        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instance();
            // Only the global stores' topics exist: the contract tasks can never be assigned.
            String prefix = "no-owner-" + System.nanoTime() + ".";
            slice.platform.admin().createTopics(List.of(
                    new NewTopic(Topics.TOKENS.nameIn(prefix), 1, (short) 1),
                    new NewTopic(Topics.TOKEN_KEYS.nameIn(prefix), 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            // Created is not yet visible everywhere: wait until every partition has a leader.
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> slice.platform.admin()
                    .describeTopics(List.of(Topics.TOKENS.nameIn(prefix),
                            Topics.TOKEN_KEYS.nameIn(prefix)))
                    .allTopicNames().get().values().stream()
                    .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null)));
            properties.put("otp.messaging.topic-prefix", prefix);
            properties.put("otp.credentials.routing-deadline", "700ms");
            try (ServiceInstance service = new ServiceInstance(properties, slice.clock)) {
                long start = System.nanoTime();
                HttpResponse<String> response = service.http().send("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY,
                        "application/json", "{\"contractId\":\"C-1\",\"otp\":\"123456\",\"purpose\":\"LOGIN\"}");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).contains("\"code\":\"E5030\"");
                assertThat(response.headers().firstValue("Retry-After")).contains("1");
                assertThat(took).as("answered after the deadline, not hung").isBetween(Duration.ofMillis(600), Duration.ofSeconds(5));
                assertThat(service.http().get("/health", null).statusCode()).as("health says DOWN meanwhile").isEqualTo(503);
            }
        }
    }
}
