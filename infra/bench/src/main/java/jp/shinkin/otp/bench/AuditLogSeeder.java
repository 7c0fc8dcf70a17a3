package jp.shinkin.otp.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.command.VerifyOtpCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A large, real event log for measuring the audit tools: contracts registered through the real
 * commands (as {@link BenchContracts}), then each verifies its code at every following 30-s step —
 * commands written straight to {@code otp.commands}, decided by the platform's own single writer,
 * so every event has its command and {@code verify-decisions} can re-decide all of them. Time is
 * the commands' timestamp (the single writer's rule), set in the recent past: no test waits 30 s.
 *
 * <p>{@code infra/bench/seed-audit-log --contracts=200000 --verifications=44} gives about ten million
 * events (six per registration, one per verification).
 */
public final class AuditLogSeeder {
    private AuditLogSeeder() {
    }

    public static void main(String[] args) throws Exception {
        int verifications = 44;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--verifications=")) {
                verifications = Integer.parseInt(a.substring("--verifications=".length()));
            } else {
                rest.add(a);
            }
        }
        BenchSettings s = BenchSettings.parse(rest.toArray(String[]::new));
        Serde<SpecificRecord> wire = new AvroSerdes(RegistrySettings.forBaseUrl(s.registryUrl())).valueSerde(Topics.EVENTS);
        long before = eventsInLog(s);
        long start = System.nanoTime();
        // Registered one step before the first verification, all inside the broker's accepted timestamp range.
        Instant registered = Instant.ofEpochSecond((Instant.now().getEpochSecond() / 30 - verifications - 2) * 30);
        BenchContracts contracts = BenchContracts.seed(s, wire, registered);
        CodeSealer codes = new CodeSealer("transport-1", Base64.getDecoder().decode(s.transportKeyBase64()), new SecureRandom());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int n = contracts.contractIds.length;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(), wire.serializer())) {
            for (int step = 1; step <= verifications; step++) {
                Instant at = registered.plusSeconds(30L * step);
                for (int i = 0; i < n; i++) {
                    String id = contracts.contractIds[i];
                    BenchContracts.send(producer, id, new VerifyOtpCommand(BenchContracts.meta(at), id, Purpose.LOGIN,
                            WireConversions.sealedBytes(codes.seal(contracts.code(i, at))), null, null, null, null), at);
                }
                System.err.printf(Locale.ROOT, "\rverification commands: step %d of %d", step, verifications);
            }
        }
        long expected = before + (long) n * (6 + verifications);
        System.err.printf(Locale.ROOT, "%nwaiting for the single writer to decide them all (%,d events expected in otp.events)%n",
                expected);
        long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
        long now = eventsInLog(s);
        int still = 0;
        // End offsets count transaction markers too: done when past the expected count and no longer growing.
        while ((now < expected || still < 3) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            long later = eventsInLog(s);
            still = later == now ? still + 1 : 0;
            now = later;
            System.err.printf(Locale.ROOT, "\r%,d records in otp.events", now);
        }
        System.out.printf(Locale.ROOT, "%n%,d contracts, %,d verifications each: otp.events holds %,d events (%,d before) after %.0f s%n",
                n, verifications, now, before, (System.nanoTime() - start) / 1e9);
    }

    /** Records in otp.events (end offsets: transaction markers included, so an upper bound of events). */
    private static long eventsInLog(BenchSettings s) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.bootstrap()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            int partitions = admin.describeTopics(List.of(Topics.EVENTS.name())).allTopicNames().get()
                    .get(Topics.EVENTS.name()).partitions().size();
            for (int p = 0; p < partitions; p++) {
                ends.put(new TopicPartition(Topics.EVENTS.name(), p), OffsetSpec.latest());
            }
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }
}
