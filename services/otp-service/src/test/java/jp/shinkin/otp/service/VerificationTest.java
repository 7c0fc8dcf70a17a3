package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.hosting.StreamsHosting;
import jp.shinkin.otp.service.messaging.KafkaClients;
import jp.shinkin.otp.testkit.PlatformTest;
import jp.shinkin.otp.wire.command.ChangeTransferLimitCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /v1/verifications} and {@code GET /v1/ops/contracts/{id}} on one instance, real broker and registry. */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationTest {
    private TestPlatform slice;
    private ServiceInstance service;

    @BeforeAll
    void start() {
        slice = new TestPlatform();
        service = new ServiceInstance(slice.instance(), slice.clock);
        service.awaitHealthy();
    }

    @AfterAll
    void stop() {
        service.close();
        slice.close();
    }

    private byte[] contract(String contractId, String tokenId) throws Exception {
        byte[] seed = slice.contractWithToken(contractId, tokenId);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> view = service.http().get("/v1/ops/contracts/" + contractId, HttpCalls.OPERATIONS_KEY);
            return view.statusCode() == 200 && view.body().contains(tokenId);
        });
        slice.clock.advance(Duration.ofSeconds(30));
        return seed;
    }

    private HttpResponse<String> verify(String contractId, String code, String idempotencyKey) throws Exception {
        String body = "{\"contractId\":\"" + contractId + "\",\"otp\":\"" + code + "\",\"purpose\":\"LOGIN\","
                + "\"context\":{\"clientIp\":\"198.51.100.4\"}}";
        return idempotencyKey == null
                ? service.http().send("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY, "application/json", body)
                : service.http().sendWithHeader("/v1/verifications", HttpCalls.CHANNEL_KEY, body, "Idempotency-Key", idempotencyKey);
    }

    @Test
    void aCodeIsAcceptedOnceThenAlreadyUsed() throws Exception {
        byte[] seed = contract("V-1", "SKMT10000001");
        String code = slice.code(seed);
        HttpResponse<String> first = verify("V-1", code, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"result\":\"ACCEPTED\",\"code\":\"00000\"}");
        HttpResponse<String> again = verify("V-1", code, null);
        assertThat(again.body()).isEqualTo("{\"result\":\"REJECTED\",\"code\":\"E1008\"}");
    }

    @Test
    void theSameIdempotencyKeyGivesTheFirstAnswerAndOneEvent() throws Exception {
        byte[] seed = contract("V-2", "SKMT10000002");
        String code = slice.code(seed);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = verify("V-2", code, key);
        HttpResponse<String> retry = verify("V-2", code, key);
        assertThat(first.body()).contains("ACCEPTED");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(eventTypes("V-2").stream().filter("OtpVerified"::equals).count()).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherCodeIsA422AndNotTheFirstAnswer() throws Exception {
        byte[] seed = contract("V-5", "SKMT10000005");
        String code = slice.code(seed);
        String key = UUID.randomUUID().toString();
        assertThat(verify("V-5", code, key).body()).contains("ACCEPTED");
        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        HttpResponse<String> reused = verify("V-5", wrong, key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("\"code\":\"E4220\"").doesNotContain("ACCEPTED");
        assertThat(eventTypes("V-5")).doesNotContain("OtpRejected");
    }

    @Test
    void theStateShowsTheTokenButNeverTheSeed() throws Exception {
        contract("V-3", "SKMT10000003");
        HttpResponse<String> view = service.http().get("/v1/ops/contracts/V-3", HttpCalls.OPERATIONS_KEY);
        assertThat(view.body()).contains("\"tokenId\":\"SKMT10000003\"").contains("\"status\":\"ACTIVE\"")
                .doesNotContain("sealed").doesNotContain("seed").doesNotContain("argon2");
        HttpResponse<String> none = service.http().get("/v1/ops/contracts/NOPE-1", HttpCalls.OPERATIONS_KEY);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(service.http().get("/v1/ops/contracts/V-3", HttpCalls.CHANNEL_KEY).statusCode()).isEqualTo(403);
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"contractId\":\"bad id!\",\"otp\":\"123456\",\"purpose\":\"LOGIN\"}", "contractId",
                "{\"contractId\":\"V-9\",\"otp\":\"12345\",\"purpose\":\"LOGIN\"}", "otp",
                "{\"contractId\":\"V-9\",\"otp\":\"１２３４５６\",\"purpose\":\"LOGIN\"}", "otp",
                "{\"contractId\":\"V-9\",\"otp\":\"123456\",\"purpose\":\"PAY\"}", "purpose",
                "{\"contractId\":\"V-9\",\"otp\":\"123456\",\"purpose\":\"TRANSFER\"}", "context.transferHash");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = service.http().send("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY,
                    "application/json", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.body()).contains("\"code\":\"E4000\"").contains("\"field\":\"" + c.getValue() + "\"");
        }
    }

    @Test
    void aTransferVerifiedHereMustStateItsAmountAndCountsAgainstTheDailyLimit() throws Exception {
        byte[] seed = contract("V-LIM", "SKMT10000009");
        slice.command("V-LIM", new ChangeTransferLimitCommand(slice.meta(), "V-LIM", "100000", "JPY",
                WireConversions.sealedBytes(slice.codes.seal(slice.code(seed)))));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.http().get("/v1/ops/contracts/V-LIM", HttpCalls.OPERATIONS_KEY)
                .body().contains("\"transferLimit\":\"100000\""));
        slice.clock.advance(Duration.ofSeconds(30));
        String hash = "ab".repeat(32);
        HttpResponse<String> noAmount = service.http().send("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY, "application/json",
                "{\"contractId\":\"V-LIM\",\"otp\":\"" + slice.code(seed) + "\",\"purpose\":\"TRANSFER\","
                        + "\"context\":{\"transferHash\":\"" + hash + "\"}}");
        assertThat(noAmount.statusCode()).isEqualTo(400);
        assertThat(noAmount.body()).contains("\"field\":\"context.amount\"");
        assertThat(service.http().send("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY, "application/json",
                "{\"contractId\":\"V-LIM\",\"otp\":\"" + slice.code(seed) + "\",\"purpose\":\"TRANSFER\",\"context\":{"
                        + "\"transferHash\":\"" + hash + "\",\"amount\":\"150000\",\"currency\":\"JPY\"}}").body())
                .isEqualTo("{\"result\":\"REJECTED\",\"code\":\"E1015\",\"remaining\":\"100000\"}");
        HttpResponse<String> within = service.http().send("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY, "application/json",
                "{\"contractId\":\"V-LIM\",\"otp\":\"" + slice.code(seed) + "\",\"purpose\":\"TRANSFER\","
                        + "\"context\":{\"transferHash\":\"" + hash + "\",\"amount\":\"100000\",\"currency\":\"JPY\"}}");
        assertThat(within.body()).as("the code was not used by the refusal").isEqualTo("{\"result\":\"ACCEPTED\",\"code\":\"00000\"}");
    }

    /** application.yml's raw Kafka maps reach the clients with their dotted keys (they once bound to nothing). */
    @Test
    void theKafkaSettingsOfTheConfigurationReachTheClients() {
        Map<String, String> streams = service.context.getBean(StreamsHosting.class)
                .getStreams();
        assertThat(streams).containsEntry("session.timeout.ms", "6000").containsEntry("max.task.idle.ms", "-1")
                .containsEntry("producer.transaction.timeout.ms", "5000").containsEntry("num.standby.replicas", "1");
        assertThat(service.context.getBean(KafkaClients.class).base())
                .containsEntry("security.protocol", "PLAINTEXT").doesNotContainKey("sasl.jaas.config")
                .containsEntry("bootstrap.servers", slice.platform.bootstrapServers());
    }

    @Test
    void anUnknownContractIsRejectedNotAnError() throws Exception {
        HttpResponse<String> response = verify("NOBODY-1", "123456", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"REJECTED\",\"code\":\"E1004\"}");
    }

    private List<String> eventTypes(String contractId) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), slice.wire.deserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS.nameIn(slice.prefix)));
            List<String> types = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.key().equals(contractId)) {
                        types.add(r.value().getClass().getSimpleName());
                    }
                });
                return types.contains("OtpVerified");
            });
            // Drain what else is committed already, so a second OtpVerified would be seen.
            consumer.poll(Duration.ofMillis(1000)).forEach(r -> {
                if (r.key().equals(contractId)) {
                    types.add(r.value().getClass().getSimpleName());
                }
            });
            return types;
        }
    }
}
