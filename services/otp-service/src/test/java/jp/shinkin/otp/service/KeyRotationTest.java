package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.shinkin.otp.audit.AuditSettings;
import jp.shinkin.otp.audit.DecisionCheck;
import jp.shinkin.otp.audit.KeyRewrap;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.DataKeyWrapping;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.domain.crypto.TransportKeys;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.testkit.PlatformTest;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A KEK and a transport master rotated under live tokens, the way operations does it: the new keys
 * are loaded as the newest with the old ones as previous (tokens sealed before keep verifying, new
 * data goes under the new keys), {@code rewrap-keys} moves every data key, then the old KEK is
 * unloaded and every live token still verifies. A token shredded while the re-wrap runs stays
 * shredded, a stopped one registers again, and the audit re-decides every recorded decision with
 * the keys then loaded.
 */
@PlatformTest
class KeyRotationTest {
    private static final String PASSWORD = "Rotate-Pass-1";
    private final SecureRandom random = new SecureRandom();
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void tokensSealedUnderTheOldKekVerifyAfterTheNewOneIsAddedAndAfterTheRewrap() throws Exception {
        byte[] kek2 = key();
        byte[] transport2 = key();
        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instanceWithCheapPasswords();
            Banking.Token first;
            Banking.Token second;
            Banking.Token stopped;
            try (ServiceInstance before = new ServiceInstance(properties, slice.clock)) {
                before.awaitHealthy();
                Banking bank = new Banking(before, slice);
                first = bank.registered("KR-1", PASSWORD);
                second = bank.registered("KR-2", PASSWORD);
                stopped = bank.registered("KR-3", PASSWORD);
                Banking.Answer stop = bank.startStop("KR-3", PASSWORD);
                assertThat(bank.completeStop(stop.get("stopId"), bank.code(stopped)).code()).isEqualTo("00002");
            }

            // Step 1: the new KEK and transport master are loaded as the newest on every instance.
            properties.put("otp.crypto.kek-id", "kek-2");
            properties.put("otp.crypto.kek", Base64.getEncoder().encodeToString(kek2));
            properties.put("otp.crypto.previous-keks", "kek-test:" + Base64.getEncoder().encodeToString(slice.kekBytes));
            properties.put("otp.crypto.transport-key-id", "transport-2");
            properties.put("otp.crypto.transport-key", Base64.getEncoder().encodeToString(transport2));
            properties.put("otp.crypto.previous-transport-keys",
                    "transport-test:" + Base64.getEncoder().encodeToString(slice.transportBytes));
            KekRing both = KekRing.of(KeyEncryptionKey.fromBytes("kek-2", kek2), slice.kek);
            Map<String, byte[]> transports = new LinkedHashMap<>();
            transports.put("transport-2", transport2);
            transports.put("transport-test", slice.transportBytes);
            Banking.Token fresh;
            try (ServiceInstance rotated = new ServiceInstance(properties, slice.clock)) {
                rotated.awaitHealthy();
                Banking bank = new Banking(rotated, slice);
                assertThat(bank.verify("KR-1", bank.code(first), "LOGIN").code())
                        .as("a seed whose data key is under the old KEK").isEqualTo("00000");
                fresh = bank.registered("KR-4", PASSWORD);
                assertThat(bank.verify("KR-4", bank.code(fresh), "LOGIN").code()).isEqualTo("00000");

                // Step 2: the re-wrap, with the bank suspending a token (a shred) between its read and its writes.
                AuditSettings settings = settings(slice, rotated, Optional.of(both), transports);
                KeyRewrap.Report report = KeyRewrap.run(settings, quiet, () -> {
                    try {
                        assertThat(bank.ops("token-suspension", "KR-2", Map.of("reason", "UNINSTALLED")).code()).isEqualTo("00000");
                        await().atMost(Duration.ofSeconds(20)).until(() -> KeyRewrap.verify(settings, quiet,
                                new DataKeyWrapping(both, random)).liveKeys() == 3);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                assertThat(report.rewrapped()).as("KR-1's and KR-3's keys (a stop keeps the key), and KR-2's as it was read")
                        .isEqualTo(3);
                assertThat(report.alreadyCurrent()).as("KR-4's key, issued under kek-2").isEqualTo(1);
                assertThat(report.shredsRestored()).as("KR-2's shred, overtaken by its re-wrapped key, written again").isEqualTo(1);
                assertThat(report.liveKeys()).isEqualTo(3);
                assertThat(report.verified()).isTrue();

                KeyRewrap.Report again = KeyRewrap.run(settings, quiet);
                assertThat(again.rewrapped()).as("resumable: a second run has nothing left to do").isZero();
                assertThat(again.alreadyCurrent()).isEqualTo(3);

                // A run that stopped between its write and its check left a re-wrap over a shred: the
                // next run writes the shred again (and verify would not pass before it).
                String ghost = "SKMT90000001";
                String keysTopic = Topics.TOKEN_KEYS.nameIn(slice.prefix);
                try (var raw = new KafkaProducer<String, byte[]>(Map.of("bootstrap.servers",
                        slice.platform.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
                    raw.send(new ProducerRecord<>(keysTopic, ghost, null)).get();
                }
                var stale = new ProducerRecord<String, SpecificRecord>(
                        keysTopic, ghost, new WrappedDataKey(ghost, WireConversions
                        .sealedBytes(new DataKeyWrapping(both, random).wrap(ghost, new byte[32]))));
                stale.headers().add(KeyRewrap.BASE_HEADER, "-1".getBytes(StandardCharsets.UTF_8)); // stands on nothing: T is between
                slice.producer.send(stale).get();
                assertThat(KeyRewrap.verify(settings, quiet, new DataKeyWrapping(both, random)).verified()).isFalse();
                KeyRewrap.Report healed = KeyRewrap.run(settings, quiet);
                assertThat(healed.shredsRestored()).isEqualTo(1);
                assertThat(healed.liveKeys()).as("the ghost's key is shredded again").isEqualTo(3);
                assertThat(healed.verified()).isTrue();
            }

            // Step 3: the old KEK unloaded. Every live token verifies; the shredded ones stay shredded.
            properties.put("otp.crypto.previous-keks", "");
            properties.put("otp.credentials.state-dir", Files.createTempDirectory("otp-after-rewrap").toString());
            try (ServiceInstance after = new ServiceInstance(properties, slice.clock)) {
                after.awaitHealthy();
                Banking bank = new Banking(after, slice);
                slice.clock.advance(Duration.ofSeconds(30));
                assertThat(bank.verify("KR-1", bank.code(first), "LOGIN").code()).isEqualTo("00000");
                assertThat(bank.verify("KR-4", bank.code(fresh), "LOGIN").code()).isEqualTo("00000");
                assertThat(bank.register("KR-2", PASSWORD, second).code())
                        .as("the token suspended during the re-wrap stays retired (still the contract's, suspended)").isEqualTo("E1006");
                assertThat(bank.register("KR-3", PASSWORD, stopped).code())
                        .as("the token stopped before the rotation registers again, its key re-wrapped").isEqualTo("00001");

                KekRing newestOnly = KekRing.of(KeyEncryptionKey.fromBytes("kek-2", kek2));
                DecisionCheck.Report decisions = DecisionCheck.run(settings(slice, after, Optional.of(newestOnly), transports), quiet, m -> { });
                assertThat(decisions.mismatches()).isZero();
                assertThat(decisions.reproduced()).as("codes sealed under both transport masters open").isGreaterThan(20);
                assertThat(decisions.skippedShredded()).as("KR-2's registration").isPositive();
            }
        }
    }

    private byte[] key() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    private static AuditSettings settings(TestPlatform slice, ServiceInstance service, Optional<KekRing> keks,
                                          Map<String, byte[]> transports) {
        return new AuditSettings(slice.platform.bootstrapServers(), slice.platform.registryUrl(), slice.prefix,
                service.uri().toString(), HttpCalls.OPERATIONS_KEY, keks,
                Optional.of(new TransportKeys(transports, TransportKeys.DEFAULT_PERIOD, Clock.systemUTC())),
                OtpPolicy.DEFAULT);
    }
}
