package jp.shinkin.otp.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.TokenPlatform;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import jp.shinkin.otp.wire.state.TokenOwner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The credential topology in a TopologyTestDriver, with issued tokens and a clock tests move. */
final class TopologyFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    final SecureRandom random = new SecureRandom();
    final KeyEncryptionKey kek;
    final CodeSealer codes;
    final SeedVault vault;
    final Serde<SpecificRecord> wire = InMemoryRegistry.serde();
    final Map<String, Outcome> answers = new ConcurrentHashMap<>();
    final List<SpecificRecord> commandLog = new ArrayList<>();
    final List<Instant> commandTimes = new ArrayList<>();
    final List<String> commandKeys = new ArrayList<>();
    /** The token and key topics as written so far: a restart restores its global stores from them. */
    private final List<Runnable> tokenTopics = new ArrayList<>();
    private final OtpPolicy policy;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> commands;
    private TestInputTopic<String, SpecificRecord> tokens;
    private TestInputTopic<String, SpecificRecord> keys;
    private TestOutputTopic<String, SpecificRecord> events;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, byte[]> keyWrites;
    Instant now = T0;

    TopologyFixture() throws Exception {
        this(OtpPolicy.DEFAULT);
    }

    TopologyFixture(OtpPolicy policy) throws Exception {
        this.policy = policy;
        byte[] k = new byte[32];
        random.nextBytes(k);
        kek = KeyEncryptionKey.fromBytes("kek-test", k);
        byte[] t = new byte[32];
        random.nextBytes(t);
        codes = new CodeSealer("transport-test", t, random);
        vault = new SeedVault(kek, random);
        start();
    }

    /** A new driver with an empty state directory (a restart that lost its disk). */
    void start() throws Exception {
        CredentialSettings settings = new CredentialSettings("", policy, codes, KekRing.of(kek), wire, Duration.ofHours(24),
                (commandId, outcome, written) -> {
                    answers.put(commandId, outcome);
                }, AnswerGate.immediate(), true);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "credentials-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Path stateDir = Files.createTempDirectory("credentials-state");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(CredentialTopology.requiredConfig(""));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE); // the driver has no transactions
        driver = new TopologyTestDriver(CredentialTopology.build(settings), props, T0);
        commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(), wire.serializer());
        tokens = driver.createInputTopic(Topics.TOKENS.name(), Serdes.String().serializer(), wire.serializer());
        keys = driver.createInputTopic(Topics.TOKEN_KEYS.name(), Serdes.String().serializer(), wire.serializer());
        events = driver.createOutputTopic(Topics.EVENTS.name(), Serdes.String().deserializer(), wire.deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        keyWrites = driver.createOutputTopic(Topics.TOKEN_KEYS.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    void restartWithEmptyState() throws Exception {
        driver.close();
        answers.clear();
        start();
        tokenTopics.forEach(Runnable::run);
    }

    /** Issues a token as the token issuer will: sealed seed on otp.tokens, wrapped key on otp.token-keys. */
    byte[] issueToken(String tokenId) {
        byte[] seed = new byte[20];
        random.nextBytes(seed);
        TokenIssuance issuance = TokenIssuance.of(tokenId, TokenPlatform.MOBILE, seed, TotpParameters.DEFAULT, vault,
                UUID.randomUUID().toString(), now, new Origin(Origin.Kind.SYSTEM, "token-issuer"));
        Instant at = now;
        Runnable write = () -> {
            tokens.pipeInput(tokenId, issuance.issued(), at);
            keys.pipeInput(tokenId, issuance.key(), at);
        };
        write.run();
        tokenTopics.add(write);
        return seed;
    }

    /** The keys of the data keys the topology destroyed (tombstones it wrote to otp.token-keys), in order. */
    List<String> keysDestroyed() {
        return keyWrites.readRecordsToList().stream().filter(r -> r.value() == null).map(r -> r.key()).toList();
    }

    void shred(String tokenId) {
        Instant at = now;
        Runnable write = () -> keys.pipeInput(tokenId, null, at);
        write.run();
        tokenTopics.add(write);
    }

    String code(byte[] seed) {
        return Totp.codeAt(seed, now, TotpParameters.DEFAULT);
    }

    SealedBytes sealedCode(String code) {
        return WireConversions.sealedBytes(codes.seal(code));
    }

    CommandMetadata meta(String commandId, String idempotencyKey) {
        return CommandMetadata.newBuilder().setCommandId(commandId).setIssuedAt(now).setCorrelationId("corr-" + commandId)
                .setActor(new Actor(ActorType.CHANNEL, "test-channel", null)).setIdempotencyKey(idempotencyKey).build();
    }

    CommandMetadata meta() {
        return meta(UUID.randomUUID().toString(), null);
    }

    /** Sends a command at the current time and returns the answer it got (if final). */
    Outcome send(String contractId, SpecificRecord command) {
        commandLog.add(command);
        commandTimes.add(now);
        commandKeys.add(contractId);
        commands.pipeInput(contractId, command, now);
        CommandMetadata meta = (CommandMetadata) command.get(command.getSchema().getField("metadata").pos());
        return answers.get(meta.getCommandId());
    }

    /** Re-runs the recorded commands with their original timestamps. */
    void replayCommands() {
        for (int i = 0; i < commandLog.size(); i++) {
            commands.pipeInput(commandKeys.get(i), commandLog.get(i), commandTimes.get(i));
        }
    }

    /** Bytes that are no command at all, as a stray producer might write them. */
    void pipeGarbage(String contractId) {
        driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(contractId, new byte[] {0, 0, 0, 0, 42, 1, 2, 3}, now);
    }

    /** A tombstone, or a keyless or foreign record, where commands are expected. */
    void pipeRaw(String contractId, SpecificRecord value) {
        commands.pipeInput(contractId, value, now);
    }

    /** What was set aside, with its headers. */
    List<TestRecord<String, byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    List<SpecificRecord> events() {
        return events.readValuesToList();
    }

    ContractState state(String contractId) {
        KeyValueStore<String, ContractSnapshot> store = driver.getKeyValueStore(StateStores.CONTRACTS.name());
        ContractSnapshot snapshot = store.get(contractId);
        return snapshot == null ? ContractState.NONE : SnapshotMapper.toState(snapshot);
    }

    /** Who holds each token ID now (released and retired tokens are not held). */
    Map<String, String> owners() {
        KeyValueStore<String, TokenOwner> store = driver.getKeyValueStore(StateStores.TOKEN_OWNERS.name());
        Map<String, String> out = new HashMap<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> {
                if (!kv.value.getContractId().isEmpty() && !kv.value.getRetired()) {
                    out.put(kv.key, kv.value.getContractId());
                }
            });
        }
        return out;
    }

    /** The token IDs retired for good. */
    Set<String> retired() {
        KeyValueStore<String, TokenOwner> store = driver.getKeyValueStore(StateStores.TOKEN_OWNERS.name());
        Set<String> out = new HashSet<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getRetired()) {
                    out.add(kv.key);
                }
            });
        }
        return out;
    }

    @Override
    public void close() {
        driver.close();
    }
}
