package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.LoginOtpSettingChanged;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, end to end: start, one line per component and "ready", health UP,
 * SIGTERM stops everything within 10 s, and a restart on the same data folder still has the
 * topics, the records and the registered schemas.
 */
class LauncherIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsStopsAndKeepsItsDataAcrossARestart(@TempDir Path data) throws Exception {
        LoginOtpSettingChanged event = LoginOtpSettingChanged.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(Instant.parse("2026-11-22T09:00:00Z"))
                        .setCorrelationId("c-1").setActor(new Actor(ActorType.CHANNEL, "launcher-test", null)).build())
                .setContractId("C-0001").setRequired(false).build();

        try (LaunchedPlatform platform = LaunchedPlatform.withIdentity(data)) {
            awaitReady(platform);
            String issuer = "http://localhost:" + platform.identityPort + "/realms/shinkin-staff";
            assertThat(platform.stdout).anyMatch(l -> l.startsWith("identity") && l.contains(issuer) && l.contains("Keycloak"));
            // The service found the provider the launcher started: the console is told to sign in there.
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/console/sign-in"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.body()).contains("\"issuer\":\"" + issuer + "\"",
                    "\"authorizationEndpoint\":\"" + issuer + "/protocol/openid-connect/auth\"");
            assertThat(platform.stdout).anyMatch(l -> l.startsWith("kafka") && l.contains(platform.bootstrapServers()));
            assertThat(platform.stdout).anyMatch(l -> l.startsWith("registry") && l.contains(platform.registryUrl()));
            assertThat(platform.stdout).anyMatch(l -> l.startsWith("topics") && l.contains("otp.events(6)"));
            assertThat(platform.stdout).anyMatch(l -> l.startsWith("otp-service") && l.contains(platform.baseUrl()));
            assertHealthUp(platform);
            signsStaffInAsTheReadmeShows(platform);

            Serde<SpecificRecord> serde = serde(platform);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "C-0001",
                        serde.serializer().serialize(Topics.EVENTS.name(), event))).get();
            }

            Duration stop = platform.terminate();
            assertThat(stop).as("SIGTERM stops everything").isLessThan(Duration.ofSeconds(15));
            assertThat(platform.stdout).as(platform.console()).contains("stopped");
            assertThat(Ports.isFree(platform.identityPort)).as("Keycloak stopped too").isTrue();
        }
        assertThat(Files.isDirectory(data.resolve("kafka"))).isTrue();
        assertThat(Files.isDirectory(data.resolve("registry"))).isTrue();

        try (LaunchedPlatform again = new LaunchedPlatform(data)) {
            awaitReady(again);
            assertHealthUp(again);
            Serde<SpecificRecord> serde = serde(again);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, again.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "launcher-it-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.EVENTS.name()));
                List<SpecificRecord> read = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        // Decoding needs the schema registered before the restart: the registry kept it.
                        read.add(serde.deserializer().deserialize(Topics.EVENTS.name(), r.value()));
                    }
                    return !read.isEmpty();
                });
                assertThat(read).containsExactly(event);
            }
            assertThat(again.terminate()).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aBusyPortIsAOneLineError(@TempDir Path data) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LaunchedPlatform platform = LaunchedPlatform.withHttpPort(data, busy.getLocalPort())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !platform.alive());
            platform.drained();
            assertThat(platform.exitCode()).isNotZero();
            assertThat(platform.stderr).as(platform.console()).hasSize(1);
            assertThat(platform.stderr.get(0)).startsWith("error: port " + busy.getLocalPort()).contains("already in use");
        }
    }

    /** {@code infra/staff-login}, as the README's walk-through uses it, against the launched Keycloak. */
    private void signsStaffInAsTheReadmeShows(LaunchedPlatform platform) throws Exception {
        String[] signedIn = staffLogin(platform, "sato", "sato-local-only");
        assertThat(signedIn[0]).as(signedIn[2]).isEqualTo("0");
        HttpResponse<String> locked = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/ops/contracts?status=locked"))
                .header("Authorization", "Bearer " + signedIn[1].strip()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(200);
        String[] approver = staffLogin(platform, "takahashi", "takahashi-local-only");
        assertThat(approver[0]).as(approver[2]).isEqualTo("0");
        HttpResponse<String> waiting = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/ops/contracts?status=approvals"))
                .header("Authorization", "Bearer " + approver[1].strip()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(200);
        String[] refused = staffLogin(platform, "sato", "not-her-password");
        assertThat(refused[0]).isEqualTo("1");
        assertThat(refused[1]).isEmpty();
        assertThat(refused[2]).startsWith("error: sign-in refused for sato").doesNotContain("not-her-password");
    }

    /** exit code, stdout, stderr */
    private static String[] staffLogin(LaunchedPlatform platform, String user, String password) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", LaunchedPlatform.HOME.resolve("infra/staff-login").toString(), user)
                .directory(LaunchedPlatform.HOME.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("OTP_STAFF_PASSWORD", password);
        builder.environment().put("OTP_IDENTITY_PORT", Integer.toString(platform.identityPort));
        builder.environment().put("OTP_HTTP_PORT", Integer.toString(platform.httpPort));
        builder.environment().remove("OTP_STAFF_ISSUER");
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(process.exitValue()), out, err.get()};
    }

    private void awaitReady(LaunchedPlatform platform) {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                .until(() -> platform.ready() || !platform.alive());
        assertThat(platform.ready()).as(platform.console()).isTrue();
    }

    private void assertHealthUp(LaunchedPlatform platform) throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private static Serde<SpecificRecord> serde(LaunchedPlatform platform) {
        return new AvroSerdes(RegistrySettings.forBaseUrl(platform.registryUrl())).valueSerde(Topics.EVENTS);
    }
}
