package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.local.KraftBroker;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.platform.local.SchemaRegistryServer;
import jp.shinkin.otp.platform.local.TopicProvisioner;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut, as a person meets it: the service is killed with -9 once its global stores have
 * reached the disk, then started again on the same state folder. Before the fix it never became
 * healthy again (Kafka Streams 4.3 refuses a global RocksDB store left "open" under exactly-once
 * and stops its global thread, KAFKA-21034); now it does, without anyone deleting a folder.
 */
class CrashRestartIT {
    /** RocksDB flushes a store's memtables (and with them the store's "open" mark) past 16 MB. */
    private static final int RECORDS = 24;
    private static final int VALUE_BYTES = 900 * 1024;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anInstanceKilledWithMinusNineStartsAgainOnItsOwnStateFolder(@TempDir Path dir) throws Exception {
        KraftBroker broker = new KraftBroker(dir.resolve("kafka"), Ports.anyFree(), Ports.anyFree()).start();
        try (SchemaRegistryServer registry = new SchemaRegistryServer(dir.resolve("registry"), Ports.anyFree()).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicProvisioner.ensure(admin, Topics.ALL, (short) 1);
            }
            int port = Ports.anyFree();
            Path state = dir.resolve("state");
            ServiceProcess first = new ServiceProcess(port, state, dir.resolve("first.log"), broker.bootstrapServers(),
                    registry.baseUrl());
            try {
                Instances.awaitHealthy(http, first, Duration.ofSeconds(90));
                fillKeyStorePastItsMemtable(broker.bootstrapServers(), registry.baseUrl());
                Path keyStore = state.resolve("otp-credentials/global/rocksdb/" + "token-data-keys");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> hasTableFile(keyStore));
            } finally {
                first.kill9();
            }

            ServiceProcess again = new ServiceProcess(port, state, dir.resolve("again.log"), broker.bootstrapServers(),
                    registry.baseUrl());
            try {
                Instances.awaitHealthy(http, again, Duration.ofSeconds(90));
                HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create(again.baseUrl() + "/v1/verifications"))
                        .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer dev-channel-key")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"contractId\":\"C-CRASH-1\",\"otp\":\"123456\",\"purpose\":\"LOGIN\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
                assertThat(decided.body()).contains("E1004");
                assertThat(Files.readString(dir.resolve("again.log"))).contains("unclean shutdown");
            } finally {
                again.close();
            }
        } finally {
            broker.close();
        }
    }

    /** Large wrapped-key records, so the global key store's memtable fills and reaches the disk. */
    static void fillKeyStorePastItsMemtable(String bootstrap, String registry) throws Exception {
        var serde = new AvroSerdes(RegistrySettings.forBaseUrl(registry)).valueSerde(Topics.TOKEN_KEYS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * VALUE_BYTES)),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String tokenId = String.format(Locale.ROOT, "ZZZZ%08d", i);
                WrappedDataKey key = new WrappedDataKey(tokenId, new SealedBytes("kek-1",
                        ByteBuffer.wrap(new byte[12]), ByteBuffer.wrap(new byte[VALUE_BYTES])));
                producer.send(new ProducerRecord<>(Topics.TOKEN_KEYS.name(), tokenId,
                        serde.serializer().serialize(Topics.TOKEN_KEYS.name(), key))).get();
            }
        }
    }

    static boolean hasTableFile(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return false;
        }
        try (Stream<Path> files = Files.list(store)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".sst"));
        }
    }
}
