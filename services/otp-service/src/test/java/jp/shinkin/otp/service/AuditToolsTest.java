package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.shinkin.otp.audit.AuditSettings;
import jp.shinkin.otp.audit.DecisionCheck;
import jp.shinkin.otp.audit.Rebuild;
import jp.shinkin.otp.audit.Replay;
import jp.shinkin.otp.audit.Trail;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.TransportKeys;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.StoreSerde;
import jp.shinkin.otp.messaging.StreamsApplication;
import jp.shinkin.otp.testkit.PlatformTest;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit tools against the embedded platform after a scripted mix of 1,000 flows: rebuild
 * agrees with the live stores; verify-decisions reproduces every decision (shredded ones skipped);
 * a store tampered with behind the platform's back is reported by contract; trail and replay. One
 * platform and one script; each tool is a case of its own.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditToolsTest {
    private static final int CONTRACTS = 250;
    private static final String PASSWORD = "Audit-Pass-1";
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final long EVENTS = CONTRACTS * 10L + 50L * (3 + 1 + 5 + 3 + 1);

    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private TestPlatform slice;
    private Map<String, Object> properties;
    private ServiceInstance service;
    private Instant scriptStart;
    private AuditSettings settings;

    /** One platform and one scripted mix of 1,000 flows for every case. */
    @BeforeAll
    void thousandFlows() throws Exception {
        slice = new TestPlatform();
        // Cheap hashing: this test is about the log, not password cost.
        properties = slice.instanceWithCheapPasswords();
        service = new ServiceInstance(properties, slice.clock);
        service.awaitHealthy();
        scriptStart = slice.clock.instant();
        assertThat(script(new Banking(service, slice), slice)).isEqualTo(1000);
        settings = settings(slice, service);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (slice != null) {
            slice.close();
        }
    }

    @Test
    @Order(1)
    void rebuildFromTheLogAgreesWithTheLiveStores() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(differences(settings, quiet)).isEmpty());
        Rebuild.Report healthy = Rebuild.run(settings, quiet, d -> { });
        assertThat(healthy.contracts()).isEqualTo(CONTRACTS);
        // Per contract: open 1 + registration 5 + login 4; then transfer 3 (verified, authorized,
        // session renewed), wrong code 1, stop 5, reset 3 (requested, approved, reset), suspension 1.
        assertThat(healthy.events()).isEqualTo(EVENTS);
    }

    @Test
    @Order(2)
    void verifyDecisionsReproducesEveryDecisionAndSkipsOnlyShreddedTokens() {
        DecisionCheck.Report decisions = DecisionCheck.run(settings, quiet, m -> { });
        assertThat(decisions.mismatches()).isZero();
        assertThat(decisions.commandsMissing()).isZero();
        assertThat(decisions.reproduced()).isGreaterThan(1000);
        assertThat(decisions.skippedShredded()).as("registrations of stopped/reset/suspended tokens").isPositive();
    }

    @Test
    @Order(3)
    void verifyDecisionsReportsDecisionsAnotherPolicyWouldHaveTakenOtherwise() {
        // Re-deciding under another lockout limit (2) warns at the first wrong code.
        AuditSettings otherPolicy = settings.withPolicy(new OtpPolicy(OtpPolicy.DEFAULT.window(), 2, 5, OtpPolicy.DEFAULT.ticketTtl()));
        assertThat(mismatches(otherPolicy, quiet)).hasSize(CONTRACTS / 5)
                .allSatisfy(m -> assertThat(m.reproduced()).contains("LockoutWarningIssued"));
    }

    @Test
    @Order(4)
    void theTrailAndAReplayOfOneContractListTheSameEvents() throws Exception {
        List<Map<String, Object>> trail = Trail.events(settings, "AU-7", quiet);
        assertThat(trail).extracting(e -> e.get("type")).startsWith("ContractOpened").contains("TokenRegistered");
        assertThat(Trail.line(trail.get(0))).contains("ContractOpened").contains("SYSTEM").contains("operations-batch");
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        long replayed = Replay.run(settings, Replay.Point.parse(scriptStart.toString()), null, "AU-7", "jsonl",
                new PrintStream(jsonl, true, StandardCharsets.UTF_8), quiet);
        assertThat(replayed).isEqualTo(trail.size());
        assertThat(jsonl.toString(StandardCharsets.UTF_8).lines()).hasSize(trail.size())
                .allSatisfy(l -> assertThat(l).startsWith("{\"partition\":").contains("\"contractId\":\"AU-7\""));
    }

    @Test
    @Order(5)
    void aReplayFromAPointInTimeLeavesOutWhatCameBefore() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        long late = Replay.run(settings, Replay.Point.parse(scriptStart.plus(STEP).toString()), null, null, "csv",
                new PrintStream(csv, true, StandardCharsets.UTF_8), quiet);
        assertThat(late).isPositive().isLessThan(EVENTS);
        assertThat(csv.toString(StandardCharsets.UTF_8).lines().findFirst()).contains(
                "partition,offset,occurredAt,type,contractId,eventId,actorType,actorId,fields");
    }

    /** Last: it stops the service and starts another on an empty state folder. */
    @Test
    @Order(6)
    void aStoreTamperedWithBehindThePlatformsBackIsReportedByContract() throws Exception {
        // Someone alters a contract's store behind the platform's back; an instance restores from it.
        tamper(slice, "AU-42");
        service.close();
        properties.put("otp.credentials.state-dir", Files.createTempDirectory("otp-restored").toString());
        service = new ServiceInstance(properties, slice.clock);
        ServiceInstance restored = service;
        await().atMost(Duration.ofSeconds(60)).until(() -> restored.http().get("/health", null).statusCode() == 200);
        AuditSettings again = settings(slice, restored);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(differences(again, quiet))
                .singleElement().satisfies(d -> {
                    assertThat(d.contractId()).isEqualTo("AU-42");
                    assertThat(d.kind()).isEqualTo(Rebuild.Kind.DIFFERENT);
                }));
    }

    /**
     * 250 contracts × 4 flows: open, register, login with OTP, then one of transfer, wrong code,
     * stop, bank reset, lost-token suspension.
     */
    private static int script(Banking bank, TestPlatform slice) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Banking.Token> tokens = new ArrayList<>();
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < CONTRACTS; i++) {
                tokens.add(null);
                sessions.add(null);
            }
            int flows = run(pool, i -> {
                String id = "AU-" + i;
                assertThat(bank.open(id, PASSWORD).status()).isEqualTo(201);
                Banking.Token token = bank.provision(i % 2 == 0 ? "mobile" : "desktop");
                tokens.set(i, token);
                assertThat(bank.register(id, PASSWORD, token).code()).isEqualTo("00001");
                return 2;
            });
            slice.clock.advance(STEP);
            flows += run(pool, i -> {
                Banking.Answer login = bank.login("AU-" + i, PASSWORD);
                Banking.Answer answered = bank.answerChallenge(login.get("challengeId"), bank.code(tokens.get(i)));
                assertThat(answered.get("status")).isEqualTo("AUTHENTICATED");
                sessions.set(i, answered.get("sessionId"));
                return 1;
            });
            slice.clock.advance(STEP);
            flows += run(pool, i -> {
                String id = "AU-" + i;
                Banking.Token token = tokens.get(i);
                switch (i % 5) {
                    case 0 -> assertThat(bank.transfer(sessions.get(i), "001-" + i, "002-" + i, "1000", bank.code(token)).code())
                            .isEqualTo("00000");
                    case 1 -> assertThat(bank.verify(id, bank.code(token).equals("000000") ? "000001" : "000000", "LOGIN").code())
                            .isEqualTo("E1002");
                    case 2 -> {
                        Banking.Answer stop = bank.startStop(id, PASSWORD);
                        assertThat(bank.completeStop(stop.get("stopId"), bank.code(token)).code()).isEqualTo("00002");
                    }
                    case 3 -> assertThat(bank.ops("token-reset", id, Map.of("reason", "broken")).code())
                            .isEqualTo("00000");
                    default -> assertThat(bank.ops("token-suspension", id, Map.of("reason", "LOST"))
                            .code()).isEqualTo("00000");
                }
                return 1;
            });
            return flows;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Flow {
        int run(int i) throws Exception;
    }

    private static int run(ExecutorService pool, Flow flow) throws Exception {
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < CONTRACTS; i++) {
            int n = i;
            done.add(pool.submit(() -> flow.run(n)));
        }
        int flows = 0;
        for (Future<Integer> f : done) {
            flows += f.get();
        }
        return flows;
    }

    private static AuditSettings settings(TestPlatform slice, ServiceInstance service) {
        return new AuditSettings(slice.platform.bootstrapServers(), slice.platform.registryUrl(), slice.prefix,
                service.uri().toString(), HttpCalls.OPERATIONS_KEY, Optional.of(KekRing.of(slice.kek)),
                Optional.of(TransportKeys.single("transport-test", slice.transportBytes)), OtpPolicy.DEFAULT);
    }

    /** Rewrites one contract's latest store record on its changelog with login OTP switched off. */
    private static void tamper(TestPlatform slice, String contractId) throws Exception {
        String changelog = StreamsApplication.CREDENTIALS.changelogIn(slice.prefix, StateStores.CONTRACTS);
        var serde = StoreSerde.of(ContractSnapshot.class);
        byte[] latest = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(changelog).stream()
                    .map(p -> new TopicPartition(changelog, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            byte[][] found = {null};
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (contractId.equals(r.key())) {
                        found[0] = r.value();
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            latest = found[0];
        }
        ContractSnapshot original = serde.deserializer().deserialize(changelog, latest);
        ContractSnapshot snapshot = ContractSnapshot.newBuilder(original).setLoginOtpRequired(!original.getLoginOtpRequired()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(changelog, contractId, serde.serializer().serialize(changelog, snapshot))).get();
        }
    }

    private static List<Rebuild.Difference> differences(AuditSettings settings, PrintStream err) throws Exception {
        List<Rebuild.Difference> found = new ArrayList<>();
        Rebuild.Report report = Rebuild.run(settings, err, found::add);
        assertThat(report.differences()).isEqualTo(found.size());
        return found;
    }

    private static List<DecisionCheck.Mismatch> mismatches(AuditSettings settings, PrintStream err) {
        List<DecisionCheck.Mismatch> found = new ArrayList<>();
        DecisionCheck.Report report = DecisionCheck.run(settings, err, found::add);
        assertThat(report.mismatches()).isEqualTo(found.size());
        return found;
    }
}
