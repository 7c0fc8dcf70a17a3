package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The general HTTP rules of DESIGN.md §4 against the real service on the real broker and
 * registry: API keys with roles, problem+json with a result code for every error (the
 * framework's own included), request-size limits, and health.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpContractTest {
    private TestPlatform slice;
    private String prefix;
    private ServiceInstance service;

    @BeforeAll
    void start() {
        slice = new TestPlatform();
        prefix = slice.prefix;
        service = new ServiceInstance(slice.instance(), slice.clock);
    }

    @AfterAll
    void stop() {
        service.close();
        slice.close();
    }

    private HttpCalls http() {
        return service.http();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status);
    }

    @Test
    void healthIsUpWithBrokerAndRegistryAndNeedsNoKey() throws Exception {
        // The topology is REBALANCING (so DOWN) right after start; UP once it runs.
        await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/health", null).statusCode() == 200);
        HttpResponse<String> health = http().get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("schemaRegistry").contains("kafka")
                .contains("credentialTopology");
    }

    @Test
    void aMissingOrUnknownKeyIs401WithE4010() throws Exception {
        HttpResponse<String> none = http().get("/v1/ops/topics", null);
        assertProblem(none, 401, "E4010");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertProblem(http().get("/v1/ops/topics", "not-a-key"), 401, "E4010");
        assertProblem(http().get("/v1/ops/topics", HttpCalls.CHANNEL_KEY + "x"), 401, "E4010");
    }

    @Test
    void aChannelKeyCannotCallOperationsEndpoints() throws Exception {
        assertProblem(http().get("/v1/ops/topics", HttpCalls.CHANNEL_KEY), 403, "E4030");
    }

    @Test
    void anOperationsKeyCannotCallChannelEndpoints() throws Exception {
        assertProblem(http().send("POST", "/v1/test-echo", HttpCalls.OPERATIONS_KEY, "application/json",
                "{\"otp\":\"123456\",\"count\":1}"), 403, "E4030");
    }

    @Test
    void operationsSeeTheTopicsWithTheirPartitions() throws Exception {
        HttpResponse<String> topics = http().get("/v1/ops/topics", HttpCalls.OPERATIONS_KEY);
        assertThat(topics.statusCode()).isEqualTo(200);
        assertThat(topics.body()).contains("\"name\":\"" + prefix + "otp.events\"").contains("\"exists\":true")
                .contains("\"partitions\":6,\"replicas\":1,\"minInSyncReplicas\":1").doesNotContain("\"exists\":false");
    }

    @Test
    void frameworkErrorsAreProblemsWithCodes() throws Exception {
        assertProblem(http().get("/v1/no-such-thing", HttpCalls.CHANNEL_KEY), 404, "E4040");
        assertProblem(http().send("DELETE", "/v1/test-echo", HttpCalls.CHANNEL_KEY, "application/json", "{}"), 405, "E4050");
        assertProblem(http().send("POST", "/v1/test-echo", HttpCalls.CHANNEL_KEY, "text/plain", "hello"), 415, "E4150");
        assertProblem(http().send("POST", "/v1/test-echo", HttpCalls.CHANNEL_KEY, "application/json", "{not json"), 400, "E4000");
    }

    @Test
    void aBadFieldIsNamed() throws Exception {
        HttpResponse<String> bad = http().send("POST", "/v1/test-echo", HttpCalls.CHANNEL_KEY, "application/json",
                "{\"otp\":\"12345x\",\"count\":1}");
        assertProblem(bad, 400, "E4000");
        assertThat(bad.body()).contains("\"field\":\"otp\"");
        HttpResponse<String> ok = http().send("POST", "/v1/test-echo", HttpCalls.CHANNEL_KEY, "application/json",
                "{\"otp\":\"123456\",\"count\":1,\"unknownMember\":true}");
        assertThat(ok.statusCode()).as("unknown members are ignored").isEqualTo(200);
    }

    @Test
    void oversizedBodiesAreRefusedWith413() throws Exception {
        String huge = "{\"otp\":\"" + "1".repeat(100_000) + "\"}";
        assertProblem(http().send("POST", "/v1/test-echo", HttpCalls.CHANNEL_KEY, "application/json", huge), 413, "E4130");
    }

    @Test
    void errorsNeverLeakInternals() throws Exception {
        HttpResponse<String> bad = http().send("POST", "/v1/test-echo", HttpCalls.CHANNEL_KEY, "application/json", "[1,2");
        assertThat(bad.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("jackson");
    }
}
