package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.shinkin.otp.domain.otp.Base32;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.StreamsApplication;
import jp.shinkin.otp.testkit.PlatformTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * After a full journey, every byte the platform keeps — every topic of the slice (internal
 * changelogs and repartition topics included, read uncommitted too), the RocksDB files of its state
 * directory, and everything logged at DEBUG — is searched for each secret the journey handled: the
 * seeds (raw, Base32, hex), the passwords, the codes, the session tokens and the ticket IDs. One
 * journey; each place searched is a case of its own.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsAtRestTest {
    private static final Duration STEP = Duration.ofSeconds(30);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Map<String, byte[]> secrets = new LinkedHashMap<>();
    private Level levelBefore;
    private TestPlatform slice;
    private Path stateDir;

    /** One journey, logged at DEBUG; the service is stopped before anything is searched. */
    @BeforeAll
    void journey() throws Exception {
        logs.start();
        levelBefore = root.getLevel();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        slice = new TestPlatform();
        Map<String, Object> properties = slice.instance();
        stateDir = Path.of((String) properties.get("otp.credentials.state-dir"));
        try (ServiceInstance service = new ServiceInstance(properties, slice.clock)) {
            service.awaitHealthy();
            Banking bank = new Banking(service, slice);
            String password = "Sakura-Secret-77";
            secrets.put("password", utf8(password));
            Banking.Token phone = bank.provision("mobile");
            Banking.Token tablet = bank.provision("desktop");
            for (Banking.Token t : List.of(phone, tablet)) {
                secrets.put("seed " + t.tokenId(), t.seed());
                secrets.put("seed base32 " + t.tokenId(), utf8(Base32.encode(t.seed()).replace("=", "")));
                secrets.put("seed hex " + t.tokenId(), utf8(HexFormat.of().formatHex(t.seed())));
            }
            assertThat(bank.open("S-1", password).status()).isEqualTo(201);
            Banking.Answer start = bank.startRegistration("S-1", password);
            secrets.put("registration ticket", utf8(start.get("registrationId")));
            String c1 = code(bank, phone, secrets);
            assertThat(bank.completeRegistration(start.get("registrationId"), phone.tokenId(), c1).code()).isEqualTo("00001");
            slice.clock.advance(STEP);
            Banking.Answer login = bank.login("S-1", password);
            secrets.put("challenge", utf8(login.get("challengeId")));
            Banking.Answer in = bank.answerChallenge(login.get("challengeId"), code(bank, phone, secrets));
            String session = in.get("sessionId");
            secrets.put("session", utf8(session));
            slice.clock.advance(STEP);
            Banking.Answer transfer = bank.transfer(session, "001-1", "002-2", "70000", code(bank, phone, secrets));
            assertThat(transfer.code()).isEqualTo("00000");
            secrets.put("renewed session", utf8(transfer.raw().headers().firstValue("X-Session-Id").orElseThrow()));
            slice.clock.advance(STEP);
            Banking.Answer change = bank.startRegistration("S-1", password);
            bank.confirmCurrentToken(change.get("registrationId"), code(bank, phone, secrets));
            assertThat(bank.completeRegistration(change.get("registrationId"), tablet.tokenId(), code(bank, tablet, secrets))
                    .code()).isEqualTo("00003");
            slice.clock.advance(STEP);
            Banking.Answer stop = bank.startStop("S-1", password);
            secrets.put("stop ticket", utf8(stop.get("stopId")));
            assertThat(bank.completeStop(stop.get("stopId"), code(bank, tablet, secrets)).code()).isEqualTo("00002");
            assertThat(bank.verify("S-1", "000000", "LOGIN").code()).isEqualTo("E1004");
        }
    }

    @AfterAll
    void restore() {
        root.detachAppender(logs);
        root.setLevel(levelBefore);
        if (slice != null) {
            slice.close();
        }
    }

    @Test
    void noTopicHoldsASecretInClearInternalTopicsAndAbortedTransactionsIncluded() throws Exception {
        List<String> found = new ArrayList<>();
        List<String> topics = slice.platform.admin().listTopics().names().get()
                .stream().filter(t -> t.startsWith(slice.prefix)).sorted().toList();
        assertThat(topics).as("the catalogue's topics and Streams' internal ones")
                .contains(StreamsApplication.CREDENTIALS.changelogIn(slice.prefix, StateStores.CONTRACTS)).anyMatch(t -> t.endsWith("otp.commands"));
        long bytes = 0;
        for (String topic : topics) {
            for (byte[] record : readAll(slice, topic)) {
                bytes += record.length;
                search(secrets, record, topic, found);
            }
        }
        assertThat(bytes).as("something was read").isGreaterThan(10_000);
        assertThat(found).as("secrets found in clear").isEmpty();
    }

    @Test
    void noStateFileHoldsASecretInClear() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(stateDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("RocksDB files were written").anyMatch(f -> f.toString().contains("rocksdb"));
        for (Path file : files) {
            search(secrets, Files.readAllBytes(file), "state file " + stateDir.relativize(file), found);
        }
        assertThat(found).as("secrets found in clear").isEmpty();
    }

    @Test
    void noLogLineAtDebugHoldsASecret() {
        List<String> found = new ArrayList<>();
        assertThat(logs.list).as("the logs were captured").isNotEmpty();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            search(secrets, utf8(event.getFormattedMessage() + " " + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage())), "log " + event.getLoggerName(), found);
        }
        assertThat(found).as("secrets found in clear").isEmpty();
    }

    @Test
    void theJourneyHandledEveryKindOfSecret() {
        assertThat(secrets.keySet()).anyMatch(k -> k.startsWith("seed hex")).anyMatch(k -> k.startsWith("code "))
                .contains("password", "registration ticket", "challenge", "session", "renewed session", "stop ticket");
    }

    private static String code(Banking bank, Banking.Token token, Map<String, byte[]> secrets) {
        String code = bank.code(token);
        secrets.put("code " + code, utf8(code));
        return code;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void search(Map<String, byte[]> secrets, byte[] haystack, String where, List<String> found) {
        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            if (indexOf(haystack, secret.getValue()) >= 0) {
                found.add(secret.getKey() + " in " + where);
            }
        }
    }

    /** Where {@code needle} first occurs in {@code haystack}, or -1 (also NoticesTest's scan for the address). */
    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Keys, values and headers of every record, aborted transactions included (read_uncommitted). */
    private static List<byte[]> readAll(TestPlatform slice, String topic) {
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        out.add(r.key());
                    }
                    if (r.value() != null) {
                        out.add(r.value());
                    }
                    for (Header h : r.headers()) {
                        out.add(h.value() == null ? new byte[0] : h.value());
                    }
                }
            }
        }
        return out;
    }
}
