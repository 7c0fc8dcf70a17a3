package jp.shinkin.otp.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.ResultCode;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.fixtures.PasswordHashFixtures;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.LoginOtpSettingChanged;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.RequestContext;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.SessionUse;
import jp.shinkin.otp.wire.SuspensionReason;
import jp.shinkin.otp.wire.command.AnswerLoginChallengeCommand;
import jp.shinkin.otp.wire.command.ChangeTransferLimitCommand;
import jp.shinkin.otp.wire.command.CompleteRegistrationCommand;
import jp.shinkin.otp.wire.command.CompleteStopCommand;
import jp.shinkin.otp.wire.command.ConfirmCurrentTokenCommand;
import jp.shinkin.otp.wire.command.OpenContractCommand;
import jp.shinkin.otp.wire.command.ResetTokenCommand;
import jp.shinkin.otp.wire.command.ResynchroniseCommand;
import jp.shinkin.otp.wire.command.SetContactCommand;
import jp.shinkin.otp.wire.command.SetLoginOtpRequiredCommand;
import jp.shinkin.otp.wire.command.StartLoginCommand;
import jp.shinkin.otp.wire.command.StartRegistrationCommand;
import jp.shinkin.otp.wire.command.StartStopCommand;
import jp.shinkin.otp.wire.command.SuspendTokenCommand;
import jp.shinkin.otp.wire.command.UnlockCommand;
import jp.shinkin.otp.wire.command.VerifyOtpCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every command path through the real topology (TopologyTestDriver), with a clock the test moves. */
class CredentialTopologyTest {
    private static final String HASH = PasswordHashFixtures.PHC;
    private static final Outcome OK = new Outcome.Succeeded(ResultCode.OK);

    private final TopologyFixture fx;

    CredentialTopologyTest() throws Exception {
        fx = new TopologyFixture();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static Outcome rejected(ErrorCode code) {
        return new Outcome.Rejected(code);
    }

    private Outcome verify(String contract, String code, String idempotencyKey) {
        return fx.send(contract, new VerifyOtpCommand(fx.meta(UUID.randomUUID().toString(), idempotencyKey), contract,
                Purpose.LOGIN, fx.sealedCode(code), null, new RequestContext("203.0.113.7", "device-1", "test"), null, null));
    }

    /** Opens a contract and registers a new token through the claim saga; returns the seed. */
    private byte[] registered(String contract, String tokenId) {
        assertThat(fx.send(contract, new OpenContractCommand(fx.meta(), contract, HASH))).isEqualTo(OK);
        byte[] seed = fx.issueToken(tokenId);
        assertThat(fx.send(contract, new StartRegistrationCommand(fx.meta(), contract, "reg-" + contract, true))).isEqualTo(OK);
        Outcome done = fx.send(contract, new CompleteRegistrationCommand(fx.meta(), contract, "reg-" + contract, tokenId,
                fx.sealedCode(fx.code(seed))));
        assertThat(done).isEqualTo(new Outcome.Succeeded(ResultCode.REGISTERED));
        fx.advance(Duration.ofSeconds(30));
        return seed;
    }

    private static List<String> types(List<SpecificRecord> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    @Test
    void registrationGoesThroughTheTokenIdClaimAndWritesTheEvents() {
        registered("C-1", "SKMT00000001");
        assertThat(types(fx.events())).containsExactly("ContractOpened", "PasswordAccepted", "TicketIssued",
                "TokenClaimRequested", "TokenRegistered", "TicketConsumed");
        assertThat(fx.owners()).containsEntry("SKMT00000001", "C-1");
        assertThat(fx.state("C-1").activeToken()).isPresent();
    }

    @Test
    void aCodeIsAcceptedOnceAndAReplayIsE1008() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.events();
        String code = fx.code(seed);
        assertThat(verify("C-1", code, null)).isEqualTo(OK);
        fx.advance(Duration.ofSeconds(5));
        assertThat(verify("C-1", code, null)).isEqualTo(rejected(ErrorCode.E1008));
        List<SpecificRecord> events = fx.events();
        assertThat(types(events)).containsExactly("OtpVerified", "OtpReplayRejected");
        assertThat(((OtpVerified) events.get(0)).getContext().getClientIp()).isEqualTo("203.0.113.7");
        assertThat(fx.state("C-1").otpFailures()).isZero();
    }

    @Test
    void fiveWrongCodesLockTheContract() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.events();
        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(fx.code(seed)) + 1) % 1_000_000);
        for (int i = 1; i <= 4; i++) {
            assertThat(verify("C-1", wrong, null)).isEqualTo(rejected(ErrorCode.E1002));
        }
        assertThat(verify("C-1", wrong, null)).isEqualTo(rejected(ErrorCode.E1003));
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(rejected(ErrorCode.E1003));
        assertThat(types(fx.events())).containsExactly("OtpRejected", "OtpRejected", "OtpRejected", "OtpRejected",
                "LockoutWarningIssued", "OtpRejected", "ContractLocked");
        assertThat(fx.send("C-1", new UnlockCommand(fx.meta(), "C-1", "op-7", "identified at branch"))).isEqualTo(OK);
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(OK);
    }

    @Test
    void theSameIdempotencyKeyGetsTheFirstAnswerAndCountsOnce() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.events();
        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(fx.code(seed)) + 1) % 1_000_000);
        assertThat(verify("C-1", wrong, "key-1")).isEqualTo(rejected(ErrorCode.E1002));
        assertThat(verify("C-1", wrong, "key-1")).isEqualTo(rejected(ErrorCode.E1002));
        assertThat(fx.state("C-1").otpFailures()).isEqualTo(1);
        assertThat(verify("C-1", fx.code(seed), "key-2")).isEqualTo(OK);
        assertThat(verify("C-1", fx.code(seed), "key-2")).as("a retry, not a replay").isEqualTo(OK);
        assertThat(types(fx.events())).containsExactly("OtpRejected", "OtpVerified");
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestGetsE4220AndDecidesNothing() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.events();
        assertThat(verify("C-1", fx.code(seed), "transfer-A")).isEqualTo(OK);
        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(fx.code(seed)) + 1) % 1_000_000);
        // Before: the wrong code for another transfer, sent with transfer A's key, got A's ACCEPTED.
        assertThat(verify("C-1", wrong, "transfer-A")).isEqualTo(rejected(ErrorCode.E4220));
        assertThat(fx.send("C-1", new VerifyOtpCommand(fx.meta(UUID.randomUUID().toString(), "transfer-A"), "C-1",
                Purpose.TRANSFER, fx.sealedCode(fx.code(seed)), "other-transfer-hash", null, null, null)))
                .as("same code, another purpose and transfer").isEqualTo(rejected(ErrorCode.E4220));
        assertThat(fx.state("C-1").otpFailures()).as("nothing decided").isZero();
        assertThat(types(fx.events())).containsExactly("OtpVerified");
        assertThat(verify("C-1", fx.code(seed), "transfer-A")).as("the same request still gets its answer").isEqualTo(OK);
    }

    @Test
    void aTransferInASessionIsFingerprintedByWhatItAuthorizesNotByTheSession() {
        byte[] seed = registered("C-1", "SKMT00000001");
        long epoch = fx.state("C-1").sessionEpoch();
        Function<String, VerifyOtpCommand> transfer = hash -> new VerifyOtpCommand(
                CommandMetadata.newBuilder(fx.meta(UUID.randomUUID().toString(), "transfer-S"))
                        .setSession(new SessionUse("s1", epoch, 0L, 100L)).build(),
                "C-1", Purpose.TRANSFER, fx.sealedCode(fx.code(seed)), hash, null, null, null);
        assertThat(fx.send("C-1", transfer.apply("hash-A"))).isEqualTo(OK);
        assertThat(fx.send("C-1", transfer.apply("hash-B"))).as("another transfer under the same key").isEqualTo(rejected(ErrorCode.E4220));
        assertThat(fx.send("C-1", transfer.apply("hash-A"))).as("a retry of the same").isEqualTo(OK);
    }

    @Test
    void aTokenIdHeldByAnotherContractIsRefused() {
        registered("C-1", "SKMT00000001");
        fx.send("C-2", new OpenContractCommand(fx.meta(), "C-2", HASH));
        fx.send("C-2", new StartRegistrationCommand(fx.meta(), "C-2", "reg-2", true));
        // The attacker knows the token ID and even a current code: the ID is still not theirs.
        byte[] seed = fx.issueToken("SKMT00000001");
        Outcome outcome = fx.send("C-2", new CompleteRegistrationCommand(fx.meta(), "C-2", "reg-2", "SKMT00000001",
                fx.sealedCode(fx.code(seed))));
        assertThat(outcome).isEqualTo(rejected(ErrorCode.E1006));
        assertThat(fx.owners()).containsEntry("SKMT00000001", "C-1");
        assertThat(fx.state("C-2").token()).isEmpty();
    }

    @Test
    void aStoppedTokenIdIsReleasedAndRegistersAgainWithALaterCodeOnly() {
        byte[] seed = registered("C-1", "SKMT00000001");
        assertThat(fx.send("C-1", new StartStopCommand(fx.meta(), "C-1", "stop-1", true))).isEqualTo(OK);
        String stopCode = fx.code(seed);
        assertThat(fx.send("C-1", new CompleteStopCommand(fx.meta(), "C-1", "stop-1", fx.sealedCode(stopCode), false)))
                .isEqualTo(new Outcome.Succeeded(ResultCode.STOPPED));
        assertThat(fx.owners()).doesNotContainKey("SKMT00000001");
        assertThat(fx.retired()).doesNotContain("SKMT00000001");

        // Another contract saw the stop's code: it does not register the token with it.
        fx.send("C-2", new OpenContractCommand(fx.meta(), "C-2", HASH));
        fx.send("C-2", new StartRegistrationCommand(fx.meta(), "C-2", "reg-2", true));
        assertThat(fx.send("C-2", new CompleteRegistrationCommand(fx.meta(), "C-2", "reg-2", "SKMT00000001",
                fx.sealedCode(stopCode)))).isEqualTo(rejected(ErrorCode.E1008));
        fx.advance(Duration.ofSeconds(30));
        fx.send("C-1", new StartRegistrationCommand(fx.meta(), "C-1", "reg-again", true));
        assertThat(fx.send("C-1", new CompleteRegistrationCommand(fx.meta(), "C-1", "reg-again", "SKMT00000001",
                fx.sealedCode(fx.code(seed))))).isEqualTo(new Outcome.Succeeded(ResultCode.REGISTERED));
        fx.advance(Duration.ofSeconds(30));
        assertThat(verify("C-1", fx.code(seed), null)).as("the same app, usable again").isEqualTo(OK);
    }

    @Test
    void deviceChangeReleasesTheOldTokenId() {
        byte[] old = registered("C-1", "SKMT00000001");
        byte[] fresh = fx.issueToken("SKMT00000002");
        fx.send("C-1", new StartRegistrationCommand(fx.meta(), "C-1", "reg-2", true));
        assertThat(fx.send("C-1", new ConfirmCurrentTokenCommand(fx.meta(), "C-1", "reg-2", fx.sealedCode(fx.code(old))))).isEqualTo(OK);
        assertThat(fx.send("C-1", new CompleteRegistrationCommand(fx.meta(), "C-1", "reg-2", "SKMT00000002",
                fx.sealedCode(fx.code(fresh))))).isEqualTo(new Outcome.Succeeded(ResultCode.TOKEN_CHANGED));
        assertThat(fx.owners()).containsEntry("SKMT00000002", "C-1").doesNotContainKey("SKMT00000001");
        assertThat(fx.retired()).as("the replaced token is retired for good").contains("SKMT00000001");
    }

    @Test
    void everyOtherCommandPath() {
        byte[] seed = registered("C-1", "SKMT00000001");
        assertThat(fx.send("C-1", new StartLoginCommand(fx.meta(), "C-1", "ch-1", true))).isEqualTo(OK);
        assertThat(fx.send("C-1", new AnswerLoginChallengeCommand(fx.meta(), "C-1", "ch-1", fx.sealedCode(fx.code(seed)), null)))
                .isEqualTo(OK);
        fx.advance(Duration.ofSeconds(30));
        assertThat(fx.send("C-1", new SetLoginOtpRequiredCommand(fx.meta(), "C-1", false, fx.sealedCode(fx.code(seed))))).isEqualTo(OK);
        fx.advance(Duration.ofSeconds(30));
        assertThat(fx.send("C-1", new ChangeTransferLimitCommand(fx.meta(), "C-1", "500000", "JPY", fx.sealedCode(fx.code(seed)))))
                .isEqualTo(OK);
        fx.advance(Duration.ofSeconds(30));
        assertThat(fx.send("C-1", new ResynchroniseCommand(fx.meta(), "C-1", fx.sealedCode(fx.code(seed)),
                fx.sealedCode(Totp.codeAt(seed, fx.now.plusSeconds(30),
                        TotpParameters.DEFAULT)), "op-1"))).isEqualTo(OK);
        assertThat(fx.send("C-1", new SuspendTokenCommand(fx.meta(), "C-1", SuspensionReason.LOST, "op-1"))).isEqualTo(OK);
        fx.advance(Duration.ofSeconds(60));
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(rejected(ErrorCode.E1009));
        assertThat(fx.send("C-1", new ResetTokenCommand(fx.meta(), "C-1", "op-1", "device lost"))).isEqualTo(OK);
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(rejected(ErrorCode.E1004));
        assertThat(types(fx.events())).contains("LoginOtpSettingChanged", "TransferLimitChanged", "TokenResynchronised",
                "TokenSuspended", "TokenReset");
        assertThat(fx.owners()).doesNotContainKey("SKMT00000001");
        assertThat(fx.retired()).contains("SKMT00000001");
    }

    @Test
    void unreadableCommandsAreRejectedWithoutEvents() {
        registered("C-1", "SKMT00000001");
        fx.events();
        fx.send("C-1", new StartRegistrationCommand(fx.meta(), "C-1", "reg-9", true));
        assertThat(fx.send("C-1", new CompleteRegistrationCommand(fx.meta(), "C-1", "reg-9", "SKMT99999999",
                fx.sealedCode("123456")))).isEqualTo(rejected(ErrorCode.E1005));
        CodeSealer other = new CodeSealer("transport-test", new byte[32],
                fx.random);
        assertThat(fx.send("C-1", new VerifyOtpCommand(fx.meta(), "C-1", Purpose.LOGIN,
                WireConversions.sealedBytes(other.seal("123456")), null, null, null, null))).isEqualTo(rejected(ErrorCode.E4000));
        assertThat(types(fx.events())).containsExactly("PasswordAccepted", "TicketIssued");
    }

    @Test
    void anUnreadableRecordIsSetAsideAndTheNextCommandIsDecided() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.events();
        fx.pipeGarbage("C-1");
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(OK);
        assertThat(types(fx.events())).containsExactly("OtpVerified");
        var setAside = fx.deadLetters();
        assertThat(setAside).hasSize(1);
        assertThat(setAside.get(0).key()).isEqualTo("C-1");
        assertThat(setAside.get(0).value()).containsExactly(0, 0, 0, 0, 42, 1, 2, 3);
        assertThat(header(setAside.get(0), UnreadableRecords.SOURCE_TOPIC)).isEqualTo(Topics.COMMANDS.name());
        assertThat(header(setAside.get(0), UnreadableRecords.SOURCE_OFFSET)).isNotBlank();
    }

    @Test
    void aTombstoneAKeylessRecordAndAnEventOnTheCommandTopicAreSetAsideAndDecideNothing() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.events();
        fx.pipeRaw("C-1", null);
        fx.pipeRaw(null, new VerifyOtpCommand(fx.meta(), "C-1", Purpose.LOGIN, fx.sealedCode(fx.code(seed)), null, null, null, null));
        SpecificRecord anEvent = LoginOtpSettingChanged.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId("e-1").setOccurredAt(fx.now)
                        .setCorrelationId("c-1").setActor(new Actor(ActorType.CHANNEL, "x", null))
                        .build())
                .setContractId("C-1").setRequired(false).build();
        fx.pipeRaw("C-1", anEvent);

        assertThat(fx.events()).isEmpty();
        assertThat(fx.deadLetters()).extracting(r -> header(r, UnreadableRecords.ERROR)).hasSize(3);
        // The partition goes on: the code those records carried or did not carry is still good.
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(OK);
    }

    private static String header(TestRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aContactAddressIsShreddedWhenReplacedAndWhenItsCommandIsRefusedAndAForeignKeyIsNeverTouched() {
        SealedBytes first = new SealedBytes("contact:C-7:k1",
                ByteBuffer.wrap(new byte[12]), ByteBuffer.wrap(new byte[30]));
        SealedBytes second = new SealedBytes("contact:C-7:k2",
                ByteBuffer.wrap(new byte[12]), ByteBuffer.wrap(new byte[30]));
        // An unknown contract: refused, and the address's key destroyed at once (nothing recorded it).
        assertThat(fx.send("C-7", new SetContactCommand(fx.meta(), "C-7", first, "ja", "op")))
                .isEqualTo(rejected(ErrorCode.E1004));
        assertThat(fx.keysDestroyed()).containsExactly("contact:C-7:k1");
        fx.send("C-7", new OpenContractCommand(fx.meta(), "C-7", HASH));
        assertThat(fx.send("C-7", new SetContactCommand(fx.meta(), "C-7", first, "ja", "op")))
                .isEqualTo(OK);
        assertThat(fx.send("C-7", new SetContactCommand(fx.meta(), "C-7", second, "en", "op")))
                .isEqualTo(OK);
        assertThat(fx.keysDestroyed()).as("the replaced address").containsExactly("contact:C-7:k1");
        // A key that is not this contract's contact key (a token's, another contract's) is refused and left alone.
        for (String foreign : new String[] {"SKMT00000001", "contact:C-8:k1", "contact:C-77:k1"}) {
            SealedBytes sealed = new SealedBytes(foreign,
                    ByteBuffer.wrap(new byte[12]), ByteBuffer.wrap(new byte[30]));
            assertThat(fx.send("C-7", new SetContactCommand(fx.meta(), "C-7", sealed, "ja", "op")))
                    .as(foreign).isEqualTo(rejected(ErrorCode.E4000));
        }
        assertThat(fx.keysDestroyed()).isEmpty();
        assertThat(fx.send("C-7", new SetContactCommand(fx.meta(), "C-7", null, "ja", "op")))
                .isEqualTo(OK);
        assertThat(fx.keysDestroyed()).as("erased").containsExactly("contact:C-7:k2");
    }

    @Test
    void eachRecordedEventIsOneLogLineWithItsCorrelationIdWhenTheEventLogIsOn() {
        ch.qos.logback.classic.Logger events = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("jp.shinkin.otp.events");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        ch.qos.logback.classic.Level before = events.getLevel();
        events.addAppender(lines);
        events.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            CommandMetadata meta = fx.meta();
            assertThat(fx.send("C-L", new OpenContractCommand(meta, "C-L", HASH))).isEqualTo(OK);
        } finally {
            events.detachAppender(lines);
            events.setLevel(before);
        }
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).isEqualTo("ContractOpened");
            assertThat(line.getMDCPropertyMap()).containsEntry("contractId", "C-L").containsKeys("eventId", "correlationId", "commandId");
            assertThat(line.getFormattedMessage() + line.getMDCPropertyMap()).doesNotContain(HASH);
        });
    }

    @Test
    void aShreddedTokenNeverVerifies() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.shred("SKMT00000001");
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(rejected(ErrorCode.E1009));
    }

    @Test
    void aSeedOpenedForTheLastVerificationIsNotServedOnceItsKeyIsShredded() {
        byte[] seed = registered("C-1", "SKMT00000001");
        fx.advance(Duration.ofSeconds(30));
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(OK);
        fx.advance(Duration.ofSeconds(30));
        fx.shred("SKMT00000001");
        assertThat(verify("C-1", fx.code(seed), null)).isEqualTo(rejected(ErrorCode.E1009));
    }

    @Test
    void aRestartFromAnEmptyStateDirectoryRebuildsTheSameState() throws Exception {
        byte[] seed = registered("C-1", "SKMT00000001");
        verify("C-1", fx.code(seed), null);
        fx.advance(Duration.ofSeconds(30));
        verify("C-1", "000000", null);
        List<SpecificRecord> firstRun = fx.events();
        var stateBefore = fx.state("C-1");
        List<ContractEvent> domainEvents = firstRun.stream().map(EventMapper::toDomain).flatMap(Optional::stream).toList();
        assertThat(ContractEvolver.fold(domainEvents)).as("the event log folds to the stored state").isEqualTo(stateBefore);

        fx.restartWithEmptyState();
        assertThat(fx.state("C-1").opened()).isFalse();
        fx.replayCommands();
        assertThat(fx.state("C-1")).isEqualTo(stateBefore);
        List<SpecificRecord> secondRun = fx.events();
        assertThat(secondRun).as("re-running the commands gives the same events, IDs included").containsExactlyElementsOf(firstRun);
    }
}
