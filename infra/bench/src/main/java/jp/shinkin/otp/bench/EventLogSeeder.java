package jp.shinkin.otp.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.ContractOpened;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.OtpAlgorithm;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.TokenRegistered;
import jp.shinkin.otp.wire.TotpSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a synthetic event log of N events (per contract: ContractOpened, TokenRegistered, then
 * OtpVerified) to {@code <prefix>otp.events} on the local broker, for timing the audit tool's
 * {@code rebuild} on a large log: {@code infra/bench/seed-events 1000000 rebuild-bench.}
 */
public final class EventLogSeeder {
    private EventLogSeeder() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        String prefix = args.length > 1 ? args[1] : "rebuild-bench.";
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String topic = Topics.EVENTS.nameIn(prefix);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                // The audit log's own settings: kept forever (the seeded events are dated a month back).
                admin.createTopics(List.of(new NewTopic(topic, Topics.EVENTS.spec().partitions(), (short) 1)
                        .configs(Topics.EVENTS.spec().configs()))).all().get();
            }
        }
        Serde<SpecificRecord> wire = new AvroSerdes(RegistrySettings.forBaseUrl(
                System.getenv().getOrDefault("OTP_REGISTRY_URL", "http://localhost:8081"))).valueSerde(Topics.EVENTS);
        int perContract = 10;
        long contracts = (events + perContract - 1) / perContract;
        Instant t0 = Instant.now().minus(Duration.ofDays(30));
        byte[] sealed = new byte[48];
        long start = System.nanoTime();
        long written = 0;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), wire.serializer())) {
            for (long c = 0; c < contracts && written < events; c++) {
                String contractId = "RB-" + c;
                String tokenId = String.format("SKMT%08d", c % 100_000_000L);
                Instant at = t0.plusSeconds(c);
                for (int i = 0; i < perContract && written < events; i++) {
                    EventMetadata m = new EventMetadata(UUID.nameUUIDFromBytes((contractId + i).getBytes(StandardCharsets.UTF_8))
                            .toString(), at.plusSeconds(30L * i), contractId, new Actor(ActorType.CHANNEL, "seeder", null), null);
                    SpecificRecord event = switch (i) {
                        case 0 -> new ContractOpened(m, contractId, "$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNhbHQ$aGFzaA");
                        case 1 -> new TokenRegistered(m, contractId, tokenId,
                                new SealedBytes("seed-bench", ByteBuffer.wrap(new byte[12]), ByteBuffer.wrap(sealed)),
                                new TotpSpec(OtpAlgorithm.SHA1, 6, 30), 1_000_000L, false);
                        default -> new OtpVerified(m, contractId, tokenId, Purpose.LOGIN, 1_000_000L + i, 0, null, null);
                    };
                    producer.send(new ProducerRecord<>(topic, null, at.plusSeconds(30L * i).toEpochMilli(), contractId, event));
                    written++;
                }
                if (c % 10_000 == 0) {
                    System.err.printf("\r%,d events", written);
                }
            }
        }
        System.err.printf("\r%,d events written to %s in %.1f s%n", written, topic, (System.nanoTime() - start) / 1e9);
    }
}
