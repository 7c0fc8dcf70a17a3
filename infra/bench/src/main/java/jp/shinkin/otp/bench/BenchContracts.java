package jp.shinkin.otp.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.credentials.TokenIssuance;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.TokenPlatform;
import jp.shinkin.otp.wire.TokenRegistered;
import jp.shinkin.otp.wire.command.CompleteRegistrationCommand;
import jp.shinkin.otp.wire.command.OpenContractCommand;
import jp.shinkin.otp.wire.command.StartRegistrationCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Realistic contracts for the run: each gets its own token (issued as the token issuer does:
 * sealed seed on otp.tokens, wrapped data key on otp.token-keys) and is registered through the
 * same commands a customer's registration sends. The generator keeps the seeds to compute codes.
 */
final class BenchContracts {
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$YmVuY2hoYXNoYmVuY2hoYXNoYmVuY2hoYXNoYmVuY2g";

    final String[] contractIds;
    final byte[][] seeds;

    BenchContracts(String[] contractIds, byte[][] seeds) {
        this.contractIds = contractIds;
        this.seeds = seeds;
    }

    String code(int index, Instant at) {
        return Totp.codeAt(seeds[index], at, TotpParameters.DEFAULT);
    }

    static BenchContracts seed(BenchSettings s, Serde<SpecificRecord> wire) throws Exception {
        return seed(s, wire, null);
    }

    /** @param registeredAt the registrations' time (their commands' timestamp); null: as they are sent */
    static BenchContracts seed(BenchSettings s, Serde<SpecificRecord> wire, Instant registeredAt) throws Exception {
        SecureRandom random = new SecureRandom();
        KeyEncryptionKey kek = KeyEncryptionKey.fromBytes("kek-1", Base64.getDecoder().decode(s.kekBase64()));
        CodeSealer codes = new CodeSealer("transport-1", Base64.getDecoder().decode(s.transportKeyBase64()), random);
        SeedVault vault = new SeedVault(kek, random);
        String run = randomLetters(3);
        int n = s.contracts();
        String[] ids = new String[n];
        byte[][] seeds = new byte[n][];
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(), wire.serializer())) {
            for (int i = 0; i < n; i++) {
                String tokenId = "B" + run + String.format(Locale.ROOT, "%08d", i);
                String contract = "bench-" + run + "-" + i;
                ids[i] = contract;
                seeds[i] = new byte[20];
                random.nextBytes(seeds[i]);
                TokenIssuance issuance = TokenIssuance.of(tokenId, TokenPlatform.MOBILE, seeds[i], TotpParameters.DEFAULT, vault,
                        UUID.randomUUID().toString(), Instant.now(), new Origin(Origin.Kind.SYSTEM, "bench-issuer"));
                producer.send(new ProducerRecord<>(Topics.TOKENS.name(), tokenId, issuance.issued()));
                producer.send(new ProducerRecord<>(Topics.TOKEN_KEYS.name(), tokenId, issuance.key()));
            }
            producer.flush();
            for (int i = 0; i < n; i++) {
                String tokenId = "B" + run + String.format(Locale.ROOT, "%08d", i);
                Instant now = registeredAt == null ? Instant.now() : registeredAt;
                String registration = "reg-" + i;
                send(producer, ids[i], new OpenContractCommand(meta(now), ids[i], HASH), now);
                send(producer, ids[i], new StartRegistrationCommand(meta(now), ids[i], registration, true), now);
                send(producer, ids[i], new CompleteRegistrationCommand(meta(now), ids[i], registration, tokenId,
                        WireConversions.sealedBytes(codes.seal(Totp.codeAt(seeds[i], now, TotpParameters.DEFAULT)))), now);
            }
            producer.flush();
        }
        System.out.printf(Locale.ROOT, "seeded      %d contracts' commands in %.1f s; waiting for their registrations%n", n,
                (System.nanoTime() - t0) / 1e9);
        awaitRegistered(s, wire, "bench-" + run + "-", n);
        System.out.printf(Locale.ROOT, "registered  %d contracts in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        return new BenchContracts(ids, seeds);
    }

    static void send(KafkaProducer<String, SpecificRecord> producer, String key, SpecificRecord value, Instant at) {
        producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), null, at.toEpochMilli(), key, value));
    }

    private static void awaitRegistered(BenchSettings s, Serde<SpecificRecord> wire, String prefix, int n) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(), wire.deserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS.name()));
            int registered = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (registered < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + registered + " of " + n + " contracts registered in 10 min");
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().startsWith(prefix) && record.value() instanceof TokenRegistered) {
                        registered++;
                    }
                }
            }
        }
    }

    static CommandMetadata meta(Instant now) {
        return CommandMetadata.newBuilder().setCommandId(UUID.randomUUID().toString()).setIssuedAt(now).setCorrelationId("bench")
                .setActor(new Actor(ActorType.OPERATOR, "bench", null)).setIdempotencyKey(null).build();
    }

    private static String randomLetters(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }
}
