package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.shinkin.otp.messaging.StreamsApplication;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.local.DevMailServer;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.testkit.ImapInbox;
import jp.shinkin.otp.testkit.PlatformTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customer notices end to end on the real broker: the bank records an address, the customer's
 * flows and the bank's actions happen over HTTP, and each notable event is one mail — read over
 * IMAP from a real mail server — in the customer's language; the instance is restarted in the
 * middle and nothing is mailed twice or lost; the address is never in clear on a topic, and an
 * erased address gets nothing more and its key is destroyed.
 */
@PlatformTest
class NoticesTest {
    private static final String PASSWORD = "Notice-Pass-7";
    private static final String HANA = "hana.notices@example.jp";
    private static final String KEN = "ken.notices@example.com";

    private TestPlatform slice;
    private DevMailServer mail;
    private Map<String, Object> properties;
    private ServiceInstance service;
    private Banking bank;

    @BeforeEach
    void start() {
        slice = new TestPlatform();
        mail = new DevMailServer(0, 0);
        mail.start();
        properties = new HashMap<>(slice.instanceWithCheapPasswords());
        properties.put("otp.notifications.enabled", "true");
        properties.put("otp.notifications.smtp.host", "127.0.0.1");
        properties.put("otp.notifications.smtp.port", Integer.toString(mail.smtpPort()));
        properties.put("otp.notifications.smtp.starttls", "false");
        properties.put("otp.notifications.retry.attempts", "2");
        properties.put("otp.notifications.retry.first-delay", "100ms");
        properties.put("otp.bank.name-ja", "テスト信用金庫");
        properties.put("otp.bank.desk-phone", "0120-987-654");
        service = new ServiceInstance(properties, slice.clock);
        service.awaitHealthy();
        bank = new Banking(service, slice);
    }

    @AfterEach
    void stop() {
        service.close();
        mail.close();
        slice.close();
    }

    /** The instance stops and starts again on the same state, sending to the relay on {@code smtpPort}. */
    private void restart(int smtpPort) {
        service.close();
        properties.put("otp.notifications.smtp.port", Integer.toString(smtpPort));
        service = new ServiceInstance(properties, slice.clock);
        service.awaitHealthy();
        bank = new Banking(service, slice);
    }

    private static int unusedPort() {
        return Ports.anyFree();
    }

    private Banking.Answer contact(String contractId, Object body) throws Exception {
        return bank.call("PUT", "/v1/ops/contracts/" + contractId + "/contact", HttpCalls.OPERATIONS_KEY, body, null);
    }

    private List<ImapInbox.Mail> inbox(String address) {
        return ImapInbox.read(mail.imapPort(), address, "any");
    }

    private List<ImapInbox.Mail> awaitMails(String address, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> inbox(address).size() >= count);
        return inbox(address);
    }

    @Test
    void eachNotableEventIsOneMailInTheCustomersLanguageOnceAcrossARestart() throws Exception {
        assertThat(bank.open("N-1", PASSWORD).status()).isEqualTo(201);
        assertThat(bank.open("N-2", PASSWORD).status()).isEqualTo(201);
        assertThat(contact("N-1", Map.of("email", HANA)).code()).isEqualTo("00000");
        assertThat(contact("N-2", Map.of("email", KEN, "language", "en")).code()).isEqualTo("00000");
        assertThat(bank.state("N-2").body()).extractingByKey("notices").isEqualTo(Map.of("channel", "EMAIL", "language", "en"));
        assertThat(bank.state("N-2").raw().body()).doesNotContain(KEN);

        Banking.Token hanaToken = bank.provision("mobile");
        assertThat(bank.register("N-1", PASSWORD, hanaToken).code()).isEqualTo("00001");
        Banking.Token kenToken = bank.provision("mobile");
        assertThat(bank.register("N-2", PASSWORD, kenToken).code()).isEqualTo("00001");
        slice.clock.advance(Duration.ofSeconds(30));
        assertThat(awaitMails(HANA, 1)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("【テスト信用金庫】ワンタイムパスワード利用登録のお知らせ");
            assertThat(m.body()).contains("0120-987-654");
        });
        assertThat(awaitMails(KEN, 1)).singleElement()
                .satisfies(m -> assertThat(m.subject()).isEqualTo("[Shinkin Bank] One-time password token registered"));

        // The relay goes away: the next notices wait (nothing skipped), and the instance is restarted while
        // they wait. Back with the relay, they are sent once; the ones sent before are not sent again.
        restart(unusedPort());
        String session = bank.session("N-1", PASSWORD, hanaToken);
        slice.clock.advance(Duration.ofSeconds(30));
        Banking.Answer limit = bank.transferLimit("N-1", session, "300000", bank.code(hanaToken));
        assertThat(limit.code()).isEqualTo("00000");
        slice.clock.advance(Duration.ofSeconds(30));
        assertThat(bank.loginOtp("N-1", limit.nextSession(session), false, bank.code(hanaToken)).code()).isEqualTo("00000");
        slice.clock.advance(Duration.ofSeconds(30));
        assertThat(inbox(HANA)).as("nothing reached the relay while it was away").hasSize(1);
        restart(mail.smtpPort());

        Banking.Answer stop = bank.startStop("N-1", PASSWORD);
        assertThat(bank.completeStop(stop.get("stopId"), bank.code(hanaToken)).code()).isEqualTo("00002");
        // Ken: a device change, a lock after five wrong codes, the bank's unlock, a loss report, the bank's reset.
        Banking.Token kenNew = bank.provision("mobile");
        Banking.Answer change = bank.startRegistration("N-2", PASSWORD);
        assertThat(bank.confirmCurrentToken(change.get("registrationId"), bank.code(kenToken)).code()).isEqualTo("00000");
        assertThat(bank.completeRegistration(change.get("registrationId"), kenNew.tokenId(), bank.code(kenNew)).code())
                .isEqualTo("00003");
        slice.clock.advance(Duration.ofSeconds(30));
        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(bank.code(kenNew)) + 1) % 1_000_000);
        for (int i = 0; i < 5; i++) {
            bank.verify("N-2", wrong, "LOGIN");
        }
        assertThat(bank.verify("N-2", bank.code(kenNew), "LOGIN").code()).isEqualTo("E1003");
        assertThat(bank.ops("unlock", "N-2", Map.of("reason", "the customer called")).code()).isEqualTo("00000");
        assertThat(bank.ops("token-suspension", "N-2", Map.of("reason", "LOST")).code()).isEqualTo("00000");
        assertThat(bank.ops("token-reset", "N-2", Map.of("reason", "the phone is gone")).code()).isEqualTo("00000");

        List<ImapInbox.Mail> hana = awaitMails(HANA, 4);
        List<ImapInbox.Mail> ken = awaitMails(KEN, 6);
        assertThat(hana).extracting(ImapInbox.Mail::subject).containsExactlyInAnyOrder(
                "【テスト信用金庫】ワンタイムパスワード利用登録のお知らせ", "【テスト信用金庫】振込限度額変更のお知らせ",
                "【テスト信用金庫】ログイン時ワンタイムパスワード設定変更のお知らせ", "【テスト信用金庫】ワンタイムパスワード利用停止のお知らせ");
        assertThat(ken).extracting(ImapInbox.Mail::subject).containsExactlyInAnyOrder(
                "[Shinkin Bank] One-time password token registered", "[Shinkin Bank] One-time password token moved to a new device",
                "[Shinkin Bank] Internet banking locked", "[Shinkin Bank] Internet banking unlocked",
                "[Shinkin Bank] One-time password token suspended", "[Shinkin Bank] One-time password token reset");
        assertThat(hana).allSatisfy(m -> assertThat(m.language()).isEqualTo("ja"));
        assertThat(ken).allSatisfy(m -> assertThat(m.language()).isEqualTo("en"));
        // One mail per event, each event one of the contract's own.
        List<String> eventIds = eventIds("N-1");
        assertThat(hana).extracting(ImapInbox.Mail::eventId).doesNotHaveDuplicates().allMatch(eventIds::contains);
        for (ImapInbox.Mail m : hana) {
            assertThat(m.body()).doesNotContain(hanaToken.tokenId(), HANA, PASSWORD);
        }
        // Once the notices application has committed past every event of both contracts, nothing more came.
        awaitNoticesPast("N-1");
        awaitNoticesPast("N-2");
        assertThat(inbox(HANA)).hasSize(4);
        assertThat(inbox(KEN)).hasSize(6);
    }

    @Test
    void theAddressIsNeverInClearOnATopicAndAnErasedOneGetsNothingMore() throws Exception {
        assertThat(bank.open("N-3", PASSWORD).status()).isEqualTo(201);
        Banking.Answer bad = contact("N-3", Map.of("email", "hana at example"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().body()).doesNotContain("hana at example");
        assertThat(contact("N-3", Map.of("email", HANA, "language", "fr")).status()).isEqualTo(400);
        for (String hostile : new String[] {HANA + "\r\nBcc: all@example.jp", "\"a\u0000b\"@example.jp", "hana@localhost",
            "Hana <" + HANA + ">", "hana@example.jp,ken@example.com", "ｈａｎａ@example.jp"}) {
            assertThat(contact("N-3", Map.of("email", hostile)).code()).as(hostile).isEqualTo("E4000");
        }
        assertThat(contact("N-404", Map.of("email", HANA)).code()).isEqualTo("E1004");
        assertThat(contact("N-3", Map.of("email", "old." + HANA)).code()).isEqualTo("00000");
        assertThat(contact("N-3", Map.of("email", HANA)).code()).isEqualTo("00000");
        Banking.Token token = bank.provision("mobile");
        assertThat(bank.register("N-3", PASSWORD, token).code()).isEqualTo("00001");
        assertThat(awaitMails(HANA, 1)).hasSize(1);
        assertThat(inbox("old." + HANA)).as("the replaced address").isEmpty();

        assertThat(bank.call("DELETE", "/v1/ops/contracts/N-3/contact", HttpCalls.OPERATIONS_KEY, "", null).code())
                .isEqualTo("00000");
        slice.clock.advance(Duration.ofSeconds(30));
        Banking.Answer stop = bank.startStop("N-3", PASSWORD);
        assertThat(bank.completeStop(stop.get("stopId"), bank.code(token)).code()).isEqualTo("00002");
        awaitNoticesPast("N-3");
        assertThat(inbox(HANA)).as("erased: the stop is not mailed").hasSize(1);
        assertThat(Files.readString(Path.of("target/test-kafka.log"))).as("the service log")
                .doesNotContain(HANA);

        byte[] hana = HANA.getBytes(StandardCharsets.UTF_8);
        for (var topic : List.of(Topics.EVENTS, Topics.COMMANDS, Topics.TOKEN_KEYS)) {
            List<ConsumerRecord<String, byte[]>> records = readAll(slice.prefix + topic.name());
            assertThat(records).as(topic.name()).isNotEmpty()
                    .noneMatch(r -> r.value() != null && SecretsAtRestTest.indexOf(r.value(), hana) >= 0);
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> keys = readAll(Topics.TOKEN_KEYS.nameIn(slice.prefix)).stream()
                .filter(r -> r.key().startsWith("contact:N-3:")).collect(Collectors.groupingBy(ConsumerRecord::key));
        assertThat(keys).as("two addresses, two keys").hasSize(2);
        assertThat(keys.values()).as("both destroyed: replaced, then erased")
                .allSatisfy(versions -> assertThat(versions.get(versions.size() - 1).value()).isNull());
    }

    /** Waits until the notices application's committed offset is past the contract's last event. */
    private void awaitNoticesPast(String contractId) {
        ConsumerRecord<String, byte[]> last = readAll(Topics.EVENTS.nameIn(slice.prefix)).stream()
                .filter(r -> contractId.equals(r.key())).reduce((a, b) -> b).orElseThrow();
        TopicPartition partition = new TopicPartition(last.topic(), last.partition());
        try (Admin admin = Admin.create(
                Map.of("bootstrap.servers", slice.platform.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(StreamsApplication.NOTICES.idIn(slice.prefix))
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > last.offset();
            });
        }
    }

    private List<String> eventIds(String contractId) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> e : bank.events(contractId).list("events")) {
            ids.add(String.valueOf(e.get("eventId")));
        }
        return ids;
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
