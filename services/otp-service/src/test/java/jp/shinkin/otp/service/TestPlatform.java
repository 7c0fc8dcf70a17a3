package jp.shinkin.otp.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.credentials.TokenIssuance;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.fixtures.MovableClock;
import jp.shinkin.otp.domain.fixtures.PasswordHashFixtures;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.testkit.KafkaPlatform;
import jp.shinkin.otp.testkit.StaffIdentityProvider;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.TokenPlatform;
import jp.shinkin.otp.wire.command.CompleteRegistrationCommand;
import jp.shinkin.otp.wire.command.OpenContractCommand;
import jp.shinkin.otp.wire.command.StartRegistrationCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One test's slice of the platform: fresh topics, its own keys, a clock the test moves, and a way
 * to seed contracts and tokens through commands (the HTTP flows for them come later).
 */
final class TestPlatform implements AutoCloseable {
    static final String HASH = PasswordHashFixtures.PHC;

    final KafkaPlatform platform = KafkaPlatform.shared();
    final String prefix = platform.freshTopics();
    final SecureRandom random = new SecureRandom();
    final byte[] kekBytes = bytes(32);
    final byte[] transportBytes = bytes(32);
    final byte[] sessionKey = bytes(32);
    /** The AES-128 key the bank shares with its token vendor for PSKC files. */
    final byte[] pskcKey = bytes(16);
    final KeyEncryptionKey kek = KeyEncryptionKey.fromBytes("kek-test", kekBytes);
    final CodeSealer codes = new CodeSealer("transport-test", transportBytes, random);
    final SeedVault vault = new SeedVault(kek, random);
    final Serde<SpecificRecord> wire = new AvroSerdes(RegistrySettings.forBaseUrl(platform.registryUrl())).valueSerde(Topics.EVENTS);
    final KafkaProducer<String, SpecificRecord> producer;
    /** The clock every instance stamps commands with; tests move it instead of waiting 30 s. */
    final MovableClock clock = new MovableClock(Instant.now());

    TestPlatform() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), wire.serializer());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The properties of one service instance on this slice. */
    Map<String, Object> instance(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", port);
        p.put("kafka.bootstrap.servers", platform.bootstrapServers());
        p.put("otp.messaging.registry-url", platform.registryUrl());
        p.put("otp.messaging.topic-prefix", prefix);
        p.put("otp.api-keys.channel", HttpCalls.CHANNEL_KEY);
        p.put("otp.api-keys.operations", HttpCalls.OPERATIONS_KEY);
        p.put("otp.staff-identity.issuer", StaffIdentityProvider.shared().issuer());
        p.put("otp.staff-identity.allow-plain-http", "true"); // the test provider listens on localhost over HTTP
        p.put("otp.crypto.kek-id", "kek-test");
        p.put("otp.crypto.kek", Base64.getEncoder().encodeToString(kekBytes));
        p.put("otp.crypto.transport-key-id", "transport-test");
        p.put("otp.crypto.transport-key", Base64.getEncoder().encodeToString(transportBytes));
        p.put("otp.sessions.key", Base64.getEncoder().encodeToString(sessionKey));
        p.put("otp.cluster.key", Base64.getEncoder().encodeToString(sessionKey)); // a test cluster's own secret
        p.put("otp.tokens.import-key", Base64.getEncoder().encodeToString(pskcKey));
        p.put("otp.credentials.advertised-url", "http://localhost:" + port);
        try {
            p.put("otp.credentials.state-dir", Files.createTempDirectory("otp-streams").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The concurrency tests hammer one contract on purpose; RateLimitTest sets its own small limits.
        p.put("otp.rate-limits.per-contract.capacity", "1000000");
        p.put("otp.rate-limits.per-contract.per-second", "1000000");
        p.put("otp.credentials.streams.num.stream.threads", "1");
        p.put("otp.credentials.streams.num.standby.replicas", "1");
        return p;
    }

    Map<String, Object> instance() {
        return instance(Ports.anyFree());
    }

    /** The properties of an instance whose password hashing is cheap: for tests about something else than its cost. */
    Map<String, Object> instanceWithCheapPasswords() {
        Map<String, Object> p = instance();
        p.put("otp.passwords.argon2.memory-kib", "64");
        p.put("otp.passwords.argon2.iterations", "1");
        return p;
    }

    /** Issues a token and registers it to a new contract, through the topics and commands. */
    byte[] contractWithToken(String contractId, String tokenId) throws Exception {
        byte[] seed = bytes(20);
        TokenIssuance issuance = TokenIssuance.of(tokenId, TokenPlatform.MOBILE, seed, TotpParameters.DEFAULT, vault,
                UUID.randomUUID().toString(), clock.instant(), new Origin(Origin.Kind.SYSTEM, "test-issuer"));
        producer.send(new ProducerRecord<>(Topics.TOKENS.nameIn(prefix), tokenId, issuance.issued())).get();
        producer.send(new ProducerRecord<>(Topics.TOKEN_KEYS.nameIn(prefix), tokenId, issuance.key())).get();
        command(contractId, new OpenContractCommand(meta(), contractId, HASH));
        command(contractId, new StartRegistrationCommand(meta(), contractId, "reg-" + contractId, true));
        command(contractId, new CompleteRegistrationCommand(meta(), contractId, "reg-" + contractId, tokenId,
                WireConversions.sealedBytes(codes.seal(code(seed)))));
        return seed;
    }

    void command(String contractId, SpecificRecord command) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMMANDS.nameIn(prefix), null, clock.instant().toEpochMilli(), contractId,
                command)).get();
    }

    CommandMetadata meta() {
        return CommandMetadata.newBuilder().setCommandId(UUID.randomUUID().toString()).setIssuedAt(clock.instant())
                .setCorrelationId("seed").setActor(new Actor(ActorType.OPERATOR, "test", null)).setIdempotencyKey(null).build();
    }

    String code(byte[] seed) {
        return Totp.codeAt(seed, clock.instant(), TotpParameters.DEFAULT);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

}
