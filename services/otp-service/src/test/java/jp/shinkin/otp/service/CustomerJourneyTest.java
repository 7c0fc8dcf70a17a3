package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * One customer's whole life with a token, through the HTTP API only: provision → open contract →
 * register → login with OTP → transfer → device change → old token refused → stop → login
 * without OTP. Time moves by the test's clock, 30 s per code.
 */
class CustomerJourneyTest extends OneInstanceTest {

    @Test
    void theWholeJourney() throws Exception {
        Banking.Token phone = bank.provision("mobile");
        assertThat(phone.tokenId()).matches("SKMT[0-9]{8}");

        Banking.Answer opened = bank.open("J-1", "Correct-Horse-1");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.code()).isEqualTo("00000");

        Banking.Answer registered = bank.register("J-1", "Correct-Horse-1", phone);
        assertThat(registered.raw().body()).isEqualTo("{\"code\":\"00001\"}");

        slice.clock.advance(STEP);
        Banking.Answer login = bank.login("J-1", "Correct-Horse-1");
        assertThat(login.get("status")).isEqualTo("OTP_REQUIRED");
        Banking.Answer authenticated = bank.answerChallenge(login.get("challengeId"), bank.code(phone));
        assertThat(authenticated.get("status")).isEqualTo("AUTHENTICATED");
        String session = authenticated.get("sessionId");

        slice.clock.advance(STEP);
        Banking.Answer transfer = bank.transfer(session, "1234567", "7654321", "50000", bank.code(phone));
        assertThat(transfer.status()).isEqualTo(200);
        assertThat(transfer.code()).isEqualTo("00000");
        assertThat(transfer.get("authorizationId")).isNotBlank();

        // Device change: the old token proves the customer, the new one is registered in its place.
        Banking.Token newPhone = bank.provision("mobile");
        Banking.Answer change = bank.startRegistration("J-1", "Correct-Horse-1");
        assertThat(change.body()).containsEntry("currentTokenOtpRequired", true);
        slice.clock.advance(STEP);
        assertThat(bank.confirmCurrentToken(change.get("registrationId"), bank.code(phone)).code()).isEqualTo("00000");
        // The old token's code and the new token's code may come from the same 30-s step.
        Banking.Answer changed = bank.completeRegistration(change.get("registrationId"), newPhone.tokenId(), bank.code(newPhone));
        assertThat(changed.raw().body()).isEqualTo("{\"code\":\"00003\"}");

        slice.clock.advance(STEP);
        Banking.Answer oldToken = bank.verify("J-1", bank.code(phone), "LOGIN");
        assertThat(oldToken.body()).containsEntry("result", "REJECTED").containsEntry("code", "E1002");

        Banking.Answer stop = bank.startStop("J-1", "Correct-Horse-1");
        assertThat(stop.get("stopId")).isNotBlank();
        Banking.Answer stopped = bank.completeStop(stop.get("stopId"), bank.code(newPhone));
        assertThat(stopped.raw().body()).isEqualTo("{\"code\":\"00002\"}");

        Banking.Answer plainLogin = bank.login("J-1", "Correct-Horse-1");
        assertThat(plainLogin.get("status")).isEqualTo("AUTHENTICATED");
        assertThat(plainLogin.get("sessionId")).isNotBlank();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(types(bank.events("J-1"))).containsSubsequence(
                "ContractOpened", "TokenClaimRequested", "TokenRegistered", "OtpVerified", "OtpVerified", "CurrentTokenConfirmed",
                "TokenClaimRequested", "DeviceChanged", "TokenRegistered", "OtpRejected", "OtpVerified", "TokenStopped"));
        // Bearer values the customer holds never reach the log: not the tickets, not the session.
        String trail = bank.events("J-1").raw().body();
        assertThat(trail).doesNotContain(login.get("challengeId")).doesNotContain(change.get("registrationId"))
                .doesNotContain(stop.get("stopId")).doesNotContain(session).doesNotContain(plainLogin.get("sessionId"))
                .doesNotContain("Correct-Horse-1").doesNotContain("argon2");
    }

    /**
     * What a bank's existing analytics stack does: a plain consumer of bytes, the Confluent wire
     * format (magic 0 + 4-byte schema ID), the schema fetched from the registry's Confluent API
     * ({@code /apis/ccompat/v7/schemas/ids/{id}}), Avro's generic reader — and every field there.
     */
    @Test
    void aConfluentStyleConsumerReadsEveryFieldThroughTheCompatibleApi() throws Exception {
        Banking.Token token = bank.provision("mobile");
        assertThat(bank.open("J-EXT", "External-1").status()).isEqualTo(201);
        assertThat(bank.register("J-EXT", "External-1", token).code()).isEqualTo("00001");
        String topic = Topics.EVENTS.nameIn(slice.prefix);
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, Schema> schemas = new HashMap<>();
        List<String> checked = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> plain = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "bank-analytics-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            plain.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (var r : plain.poll(Duration.ofMillis(300))) {
                    if (!"J-EXT".equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(r.value());
                    assertThat(bytes.get()).as("Confluent magic byte").isEqualTo((byte) 0);
                    int id = bytes.getInt();
                    Schema schema = schemas.computeIfAbsent(id, i -> {
                        try {
                            String body = http.send(HttpRequest.newBuilder(URI.create(
                                            slice.platform.confluentCompatibleUrl() + "/schemas/ids/" + i)).build(),
                                    HttpResponse.BodyHandlers.ofString()).body();
                            String text = service.context.getBean(JsonMapper.class)
                                    .readValue(body, Map.class).get("schema").toString();
                            return new Schema.Parser().parse(text);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    GenericRecord generic = new GenericDatumReader<
                            GenericRecord>(schema).read(null, DecoderFactory.get()
                            .binaryDecoder(r.value(), 5, r.value().length - 5, null));
                    // Our own classes' schema, read generically over the same bytes: the reference.
                    SpecificRecord specific = slice.wire.deserializer().deserialize(topic, r.value());
                    GenericRecord ours = new GenericDatumReader<
                            GenericRecord>(specific.getSchema()).read(null, DecoderFactory.get()
                            .binaryDecoder(r.value(), 5, r.value().length - 5, null));
                    assertThat(generic.getSchema().getFullName()).isEqualTo(specific.getSchema().getFullName());
                    for (Schema.Field field : specific.getSchema().getFields()) {
                        assertThat(generic.hasField(field.name())).as(field.name()).isTrue();
                        assertThat(generic.get(field.name())).as(schema.getName() + "." + field.name())
                                .isEqualTo(ours.get(field.name()));
                    }
                    checked.add(schema.getName());
                }
                return checked.contains("TokenRegistered");
            });
        }
        assertThat(checked).contains("ContractOpened", "PasswordAccepted", "TicketIssued", "TokenClaimRequested",
                "TokenRegistered", "TicketConsumed");
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithoutAKey() throws Exception {
        HttpResponse<String> doc = service.http().get("/openapi/otp-platform-v1.yml", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).startsWith("openapi: 3.").contains("bearer");
        for (String path : List.of("/v1/tokens:", "/v1/sessions:", "/v1/sessions/challenges/{challengeId}:",
                "/v1/otp/registrations:", "/v1/otp/registrations/{registrationId}/current-token:",
                "/v1/otp/registrations/{registrationId}/complete:", "/v1/otp/stops:", "/v1/otp/stops/{stopId}/complete:",
                "/v1/contracts/{contractId}/login-otp:", "/v1/contracts/{contractId}/transfer-limit:",
                "/v1/transfers/authorizations:", "/v1/verifications:", "/v1/ops/contracts:", "/v1/ops/contracts/bulk:",
                "/v1/ops/contracts/{contractId}:", "/v1/ops/contracts/{contractId}/events:",
                "/v1/ops/contracts/{contractId}/token-reset:", "/v1/ops/contracts/{contractId}/token-suspension:",
                "/v1/ops/contracts/{contractId}/unlock:", "/v1/ops/tokens/imports:")) {
            assertThat(doc.body()).as(path).contains("\n  " + path + "\n");
        }
    }

    static List<String> types(Banking.Answer events) {
        return events.list("events").stream().map(e -> (String) e.get("type")).toList();
    }

    static Map<String, Object> first(Banking.Answer events, String type) {
        return events.list("events").stream().filter(e -> type.equals(e.get("type"))).findFirst().orElseThrow();
    }
}
