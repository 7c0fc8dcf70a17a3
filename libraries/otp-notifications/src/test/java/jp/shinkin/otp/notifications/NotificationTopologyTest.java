package jp.shinkin.otp.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.shinkin.otp.credentials.InMemoryRegistry;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.domain.crypto.SeedOpener;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.testkit.ImapInbox;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.ContactChanged;
import jp.shinkin.otp.wire.ContractLocked;
import jp.shinkin.otp.wire.ContractUnlocked;
import jp.shinkin.otp.wire.DeviceChanged;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.LockReason;
import jp.shinkin.otp.wire.LoginOtpSettingChanged;
import jp.shinkin.otp.wire.OtpAlgorithm;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.SuspensionReason;
import jp.shinkin.otp.wire.TokenRegistered;
import jp.shinkin.otp.wire.TokenReset;
import jp.shinkin.otp.wire.TokenStopped;
import jp.shinkin.otp.wire.TokenSuspended;
import jp.shinkin.otp.wire.TotpSpec;
import jp.shinkin.otp.wire.TransferLimitChanged;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notices topology against a real SMTP/IMAP server (GreenMail): mails are read back over
 * IMAP as a customer's mail client would, never from a mock.
 */
class NotificationTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final String SEED_TEXT = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final BankSender BANK = new BankSender("notices@shinkin.example", "テスト信用金庫", "Test Shinkin Bank",
            "0120-111-222", "平日 9:00〜17:00", "weekdays 9:00-17:00", "0120-333-444", "24時間受付", "24 hours");

    private final Serde<SpecificRecord> wire = InMemoryRegistry.serde();
    /** The wrapped data keys as the key topic holds them (a removal is a tombstone). */
    private final Map<String, Sealed> dataKeys = new ConcurrentHashMap<>();
    private final SeedVault vault = new SeedVault(KekRing.of(KeyEncryptionKey.fromBytes("kek-1", new byte[32])), new SecureRandom());
    private final SeedOpener opener = vault.opener(id -> Optional.ofNullable(dataKeys.get(id)));
    private final AtomicInteger relayFailures = new AtomicInteger();
    private GreenMail mailServer;
    private SmtpMailer smtp;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> events;

    @BeforeEach
    void start() {
        mailServer = new GreenMail(new ServerSetup[]{
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        mailServer.start();
        mailServer.setUser("hana@example.jp", "hana@example.jp", "pw");
        mailServer.setUser("ken@example.com", "ken@example.com", "pw");
        smtp = new SmtpMailer("127.0.0.1", mailServer.getSmtp().getPort(), false, "", "", Duration.ofSeconds(5), BANK);
        Mailer flaky = mail -> {
            if (relayFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new MailUnavailable("relay away (test)", null);
            }
            smtp.send(mail);
        };
        NoticeSettings settings = new NoticeSettings(new Letters(BANK), flaky, this::open,
                new NoticeSettings.Retry(3, Duration.ofMillis(10)), Duration.ofHours(24), Duration.ofDays(7));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "notices-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/notices-test-" + UUID.randomUUID());
        driver = new TopologyTestDriver(NotificationTopology.build("", wire, settings), props, T0.plusSeconds(60));
        events = driver.createInputTopic("otp.events", Serdes.String().serializer(), wire.serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        mailServer.stop();
    }

    private Optional<String> open(Sealed sealed) {
        try {
            return Optional.of(new String(opener.open(sealed.keyId(), sealed), StandardCharsets.UTF_8));
        } catch (SecretUnavailableException e) {
            return Optional.empty();
        }
    }

    private static EventMetadata meta(Instant at) {
        String id = UUID.randomUUID().toString();
        return new EventMetadata(id, at, id, new Actor(ActorType.CHANNEL, "test", null), id);
    }

    private ContactChanged contact(String contractId, String address, String language) {
        String keyId = "contact:" + contractId + ":" + UUID.randomUUID();
        SeedVault.Envelope envelope = vault.seal(keyId, address.getBytes(StandardCharsets.UTF_8));
        dataKeys.put(keyId, envelope.wrappedDataKey());
        Sealed sealed = envelope.sealedSeed();
        return new ContactChanged(meta(T0), contractId, new SealedBytes(sealed.keyId(), ByteBuffer.wrap(sealed.nonce()),
                ByteBuffer.wrap(sealed.ciphertext())), language, "sato", null);
    }

    private static TokenRegistered registered(String contractId, String tokenId, boolean deviceChange) {
        return new TokenRegistered(meta(T0), contractId, tokenId,
                new SealedBytes(tokenId, ByteBuffer.wrap(new byte[12]), ByteBuffer.wrap(SEED_TEXT.getBytes(StandardCharsets.UTF_8))),
                new TotpSpec(OtpAlgorithm.SHA1, 6, 30), 59_000_000L, deviceChange);
    }

    /** One event of each kind a customer is told about, with the subject the letter must carry in each language. */
    private static Map<SpecificRecord, List<String>> everyNotableEvent(String c) {
        return Map.of(
                registered(c, "SKMT12345678", false), List.of("ワンタイムパスワード利用登録のお知らせ", "token registered"),
                registered(c, "SKMT87654321", true), List.of("機種変更のお知らせ", "moved to a new device"),
                new TokenStopped(meta(T0), c, "SKMT87654321", 59_000_001L, true), List.of("利用停止のお知らせ", "use stopped"),
                new TokenSuspended(meta(T0), c, "SKMT87654321", SuspensionReason.LOST, "sato"), List.of("利用停止（お届け）", "suspended"),
                new TokenReset(meta(T0), c, "SKMT87654321", "sato", "broken phone", "takahashi"), List.of("初期化のお知らせ", "reset"),
                new ContractLocked(meta(T0), c, LockReason.OTP_FAILURES), List.of("ご利用制限（ロック）", "locked"),
                new ContractUnlocked(meta(T0), c, "sato", "called the desk", "takahashi"), List.of("ご利用制限解除", "unlocked"),
                new TransferLimitChanged(meta(T0), c, "300000", "JPY"), List.of("振込限度額変更", "transfer limit changed"),
                new LoginOtpSettingChanged(meta(T0), c, false), List.of("ログイン時ワンタイムパスワード設定変更", "switched off"));
    }

    @Test
    void eachNotableEventIsOneMailInTheLanguageTheCustomerChoseWithNoSecretInIt() {
        events.pipeInput("C-1", contact("C-1", "hana@example.jp", "ja"));
        events.pipeInput("C-2", contact("C-2", "ken@example.com", "en"));
        Map<SpecificRecord, List<String>> ja = everyNotableEvent("C-1");
        Map<SpecificRecord, List<String>> en = everyNotableEvent("C-2");
        ja.keySet().forEach(e -> events.pipeInput("C-1", e));
        en.keySet().forEach(e -> events.pipeInput("C-2", e));
        // Events no customer is told about: a device change's own record (its TokenRegistered is the notice), a login, switching login OTP on.
        events.pipeInput("C-1", new DeviceChanged(meta(T0), "C-1", "SKMT12345678", "SKMT87654321"));
        events.pipeInput("C-1", new OtpVerified(meta(T0), "C-1", "SKMT87654321", Purpose.LOGIN, 1L, 0, null, null));
        events.pipeInput("C-1", new LoginOtpSettingChanged(meta(T0), "C-1", true));

        List<ImapInbox.Mail> hana = ImapInbox.read(mailServer.getImap().getPort(), "hana@example.jp", "pw");
        List<ImapInbox.Mail> ken = ImapInbox.read(mailServer.getImap().getPort(), "ken@example.com", "pw");
        assertThat(hana).hasSize(9);
        assertThat(ken).hasSize(9);
        assertThat(hana).allSatisfy(m -> {
            assertThat(m.language()).isEqualTo("ja");
            assertThat(m.subject()).startsWith("【テスト信用金庫】");
            assertThat(m.body()).contains("0120-111-222", "平日 9:00〜17:00", "0120-333-444", "パスワードやワンタイムパスワードをおたずねすることはありません");
        });
        assertThat(ken).allSatisfy(m -> {
            assertThat(m.language()).isEqualTo("en");
            assertThat(m.subject()).startsWith("[Test Shinkin Bank]");
            assertThat(m.body()).contains("0120-111-222", "weekdays 9:00-17:00", "never ask for your password");
        });
        ja.forEach((event, subjects) -> assertThat(hana).filteredOn(m -> m.eventId().equals(eventId(event)))
                .singleElement().satisfies(m -> assertThat(m.subject()).contains(subjects.get(0))));
        en.forEach((event, subjects) -> assertThat(ken).filteredOn(m -> m.eventId().equals(eventId(event)))
                .singleElement().satisfies(m -> assertThat(m.subject()).containsIgnoringCase(subjects.get(1))));
        assertThat(hana.stream().map(ImapInbox.Mail::messageId).collect(Collectors.toSet())).hasSize(9);
        for (ImapInbox.Mail m : concat(hana, ken)) {
            assertThat(m.body()).doesNotContain(SEED_TEXT, "SKMT12345678", "SKMT87654321", "hana@example.jp", "ken@example.com");
            assertThat(m.subject()).doesNotContain("SKMT12345678", "SKMT87654321");
        }
        assertThat(hana).anySatisfy(m -> assertThat(m.body()).contains("300,000円"));
        assertThat(hana).anySatisfy(m -> assertThat(m.body()).contains("このトークンは今後登録できません"));
        assertThat(ken).anySatisfy(m -> assertThat(m.body()).contains("can never be registered again"));
        assertThat(hana).anySatisfy(m -> assertThat(m.body()).contains("SKMT****5678"));
        assertThat(ken).anySatisfy(m -> assertThat(m.body()).contains("JPY 300,000"));
        assertThat(ken).anySatisfy(m -> assertThat(m.body()).contains("Reason: lost."));
    }

    @Test
    void anEventSeenAgainIsNotMailedAgain() {
        events.pipeInput("C-1", contact("C-1", "hana@example.jp", "ja"));
        TokenStopped stopped = new TokenStopped(meta(T0), "C-1", "SKMT12345678", 1L, false);
        events.pipeInput("C-1", stopped);
        events.pipeInput("C-1", stopped);
        assertThat(ImapInbox.read(mailServer.getImap().getPort(), "hana@example.jp", "pw")).singleElement()
                .satisfies(m -> assertThat(m.eventId()).isEqualTo(stopped.getMetadata().getEventId()));
    }

    @Test
    void noAddressOrAnErasedOneMeansNoMail() {
        events.pipeInput("C-9", new TokenStopped(meta(T0), "C-9", "SKMT12345678", 1L, false)); // never had an address
        events.pipeInput("C-1", contact("C-1", "hana@example.jp", "ja"));
        events.pipeInput("C-1", new ContactChanged(meta(T0), "C-1", null, "ja", "sato", "ignored"));
        events.pipeInput("C-1", new TokenStopped(meta(T0), "C-1", "SKMT12345678", 1L, false));
        assertThat(ImapInbox.read(mailServer.getImap().getPort(), "hana@example.jp", "pw")).isEmpty();
        assertThat(mailServer.getReceivedMessages()).isEmpty();
    }

    @Test
    void aNoticeWaitsForItsAddressKeyAndGivesUpOnlyLongAfterItsEvent() {
        ContactChanged contact = contact("C-2", "ken@example.com", "en");
        String keyId = contact.getSealedAddress().getKeyId();
        Sealed wrapped = dataKeys.get(keyId);
        dataKeys.remove(keyId); // not readable here yet
        events.pipeInput("C-2", contact);
        TokenStopped recent = new TokenStopped(meta(T0), "C-2", "SKMT12345678", 1L, false);
        assertThatThrownBy(() -> events.pipeInput("C-2", recent)).hasRootCauseInstanceOf(NoticeProcessor.AddressNotReady.class);
        dataKeys.put(keyId, wrapped); // the key arrives; the event is taken up again
        events.pipeInput("C-2", recent);
        assertThat(ImapInbox.read(mailServer.getImap().getPort(), "ken@example.com", "pw")).hasSize(1);

        dataKeys.remove(keyId);
        events.pipeInput("C-2", new TokenStopped(meta(T0.minus(Duration.ofMinutes(20))), "C-2", "SKMT12345678", 2L, false));
        assertThat(ImapInbox.read(mailServer.getImap().getPort(), "ken@example.com", "pw")).as("gone for good: not mailed")
                .hasSize(1);
    }

    @Test
    void aNewConsumerOfAnOldLogDoesNotMailCustomersTheirHistory() {
        events.pipeInput("C-1", contact("C-1", "hana@example.jp", "ja"));
        events.pipeInput("C-1", new TokenStopped(meta(T0.minus(Duration.ofDays(2))), "C-1", "SKMT12345678", 1L, false));
        assertThat(mailServer.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRelayBrieflyAwayIsWaitedForAndOneThatStaysAwayStopsWithoutSkipping() {
        events.pipeInput("C-1", contact("C-1", "hana@example.jp", "ja"));
        relayFailures.set(2);
        events.pipeInput("C-1", new TokenStopped(meta(T0), "C-1", "SKMT12345678", 1L, false));
        assertThat(ImapInbox.read(mailServer.getImap().getPort(), "hana@example.jp", "pw")).hasSize(1);
        relayFailures.set(3);
        TokenReset reset = new TokenReset(meta(T0), "C-1", "SKMT12345678", "sato", "broken", "takahashi");
        assertThatThrownBy(() -> events.pipeInput("C-1", reset)).hasRootCauseInstanceOf(MailUnavailable.class);
        assertThat(ImapInbox.read(mailServer.getImap().getPort(), "hana@example.jp", "pw")).hasSize(1);
    }

    @Test
    void aRecipientTheRelayRefusesForGoodIsRecordedAndTheNextNoticeGoesOn() {
        events.pipeInput("C-1", contact("C-1", "not an address", "ja"));
        events.pipeInput("C-1", new TokenStopped(meta(T0), "C-1", "SKMT12345678", 1L, false));
        events.pipeInput("C-2", contact("C-2", "ken@example.com", "en"));
        events.pipeInput("C-2", new TokenStopped(meta(T0), "C-2", "SKMT12345678", 1L, false));
        assertThat(ImapInbox.read(mailServer.getImap().getPort(), "ken@example.com", "pw")).hasSize(1);
    }

    private static String eventId(SpecificRecord event) {
        return ((EventMetadata) event.get(event.getSchema().getField("metadata").pos())).getEventId();
    }

    private static List<ImapInbox.Mail> concat(List<ImapInbox.Mail> a, List<ImapInbox.Mail> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
