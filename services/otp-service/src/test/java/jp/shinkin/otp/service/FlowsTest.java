package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.domain.crypto.SeedOpener;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.password.Argon2Cost;
import jp.shinkin.otp.domain.password.Argon2idPasswordHasher;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.tokens.PskcFiles;
import jp.shinkin.otp.testkit.PlatformTest;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.TokenRegistered;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.Assertions;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The flows other than the journey, on two instances: each call goes to either, so every
 * endpoint is also exercised through forwarding to the contract's owner.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowsTest {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final String PASSWORD = "Shinkin-Pass-7";
    private TestPlatform slice;
    private ServiceInstance first;
    private ServiceInstance second;
    private Banking a;
    private Banking b;

    @BeforeAll
    void start() {
        slice = new TestPlatform();
        first = new ServiceInstance(slice.instance(), slice.clock);
        second = new ServiceInstance(slice.instance(), slice.clock);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.http().get("/health", null).statusCode() == 200
                && second.http().get("/health", null).statusCode() == 200);
        a = new Banking(first, slice);
        b = new Banking(second, slice);
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
        slice.close();
    }

    private Banking.Token registered(String contractId) throws Exception {
        assertThat(a.open(contractId, PASSWORD).status()).isEqualTo(201);
        Banking.Token token = b.provision("mobile");
        Banking.Answer start = a.startRegistration(contractId, PASSWORD);
        assertThat(b.completeRegistration(start.get("registrationId"), token.tokenId(), a.code(token)).code()).isEqualTo("00001");
        slice.clock.advance(STEP);
        return token;
    }

    private Map<String, Object> tokenSeenBy(Banking bank, String tokenId) throws Exception {
        HttpResponse<String> answer = bank.http().get("/v1/ops/tokens/" + tokenId, HttpCalls.OPERATIONS_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return bank.parse(answer).body();
    }

    @Test
    void operationsFindATokensContractFromEitherInstance() throws Exception {
        Banking.Token issued = b.provision("mobile");
        for (Banking bank : List.of(a, b)) {
            assertThat(tokenSeenBy(bank, issued.tokenId())).containsEntry("status", "ISSUED");
        }
        Banking.Token token = registered("FT-1");
        for (Banking bank : List.of(a, b)) {
            assertThat(tokenSeenBy(bank, token.tokenId())).containsEntry("status", "BOUND").containsEntry("contractId", "FT-1");
        }
        Banking.Answer stop = b.startStop("FT-1", PASSWORD);
        assertThat(a.completeStop(stop.get("stopId"), a.code(token)).code()).isEqualTo("00002");
        slice.clock.advance(STEP);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tokenSeenBy(b, token.tokenId()))
                .containsEntry("status", "FREE").doesNotContainKey("contractId"));
        assertThat(a.register("FT-1", PASSWORD, token).code()).isEqualTo("00001");
        slice.clock.advance(STEP);
        assertThat(a.ops("token-suspension", "FT-1", Map.of("reason", "STOLEN")).code()).isEqualTo("00000");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tokenSeenBy(a, token.tokenId()))
                .containsEntry("status", "RETIRED").containsEntry("contractId", "FT-1"));
        assertThat(a.http().get("/v1/ops/tokens/ZZZZ00000000", HttpCalls.OPERATIONS_KEY).statusCode()).isEqualTo(404);
        assertThat(a.http().get("/v1/ops/tokens/not-a-token", HttpCalls.OPERATIONS_KEY).statusCode()).isEqualTo(400);
        assertThat(a.http().get("/v1/ops/tokens/" + token.tokenId(), HttpCalls.CHANNEL_KEY).statusCode()).isEqualTo(403);
    }

    /** Every page of an operations list, asked of one instance with {@code limit} per page. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> walk(Banking bank, String status, int limit) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        do {
            HttpResponse<String> answer = bank.http().get("/v1/ops/contracts?status=" + status + "&limit=" + limit
                    + (after == null ? "" : "&after=" + after), HttpCalls.OPERATIONS_KEY);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Map<String, Object> page = bank.parse(answer).body();
            assertThat((List<Object>) page.get("contracts")).hasSizeLessThanOrEqualTo(limit);
            all.addAll((List<Map<String, Object>>) page.get("contracts"));
            after = (String) page.get("next");
        } while (after != null);
        return all;
    }

    private static List<String> ids(List<Map<String, Object>> contracts) {
        return contracts.stream().map(c -> (String) c.get("contractId")).toList();
    }

    @Test
    void operationsListLockedSuspendedAndWaitingContractsInPagesFromEitherInstance() throws Exception {
        List<String> locked = List.of("FL-L1", "FL-L2", "FL-L3");
        for (String id : locked) {
            assertThat(a.open(id, PASSWORD).status()).isEqualTo(201);
            for (int i = 0; i < 5; i++) {
                b.login(id, "Wrong-Pass-" + i);
            }
        }
        registered("FL-S1");
        assertThat(a.ops("token-suspension", "FL-S1", Map.of("reason", "STOLEN")).code()).isEqualTo("00000");
        registered("FL-W1");
        assertThat(a.call("POST", "/v1/ops/contracts/FL-W1/token-reset", HttpCalls.operatorToken(),
                Map.of("reason", "customer at the desk"), null).status()).isEqualTo(202);

        for (Banking bank : List.of(a, b)) {
            for (int limit : new int[] {1, 2, 50}) {
                List<Map<String, Object>> lockedSeen = walk(bank, "locked", limit);
                assertThat(ids(lockedSeen)).as("in order, each once").isSorted().doesNotHaveDuplicates()
                        .containsAll(locked).doesNotContain("FL-S1", "FL-W1");
                assertThat(lockedSeen).allSatisfy(c -> assertThat(c).containsEntry("locked", true));
                assertThat(ids(walk(bank, "suspended", limit))).isSorted().doesNotHaveDuplicates().contains("FL-S1")
                        .doesNotContainAnyElementsOf(locked);
                List<Map<String, Object>> waiting = walk(bank, "approvals", limit);
                assertThat(ids(waiting)).isSorted().doesNotHaveDuplicates().contains("FL-W1").doesNotContain("FL-S1");
            }
        }
        assertThat(a.http().get("/v1/ops/contracts?status=everything", HttpCalls.OPERATIONS_KEY).statusCode()).isEqualTo(400);
        assertThat(a.http().get("/v1/ops/contracts?status=locked&limit=0", HttpCalls.OPERATIONS_KEY).statusCode()).isEqualTo(400);
        assertThat(a.http().get("/v1/ops/contracts?status=locked&after=%20x", HttpCalls.OPERATIONS_KEY).statusCode()).isEqualTo(400);
        assertThat(a.http().get("/v1/ops/contracts?status=locked", HttpCalls.CHANNEL_KEY).statusCode()).isEqualTo(403);
    }

    @Test
    void loginOtpCanBeSwitchedOffWithACodeAndOnAgain() throws Exception {
        Banking.Token token = registered("F-LOGIN");
        String session = a.session("F-LOGIN", PASSWORD, token);
        slice.clock.advance(STEP);
        Banking.Answer withoutCode = b.loginOtp("F-LOGIN", session, false, null);
        assertThat(withoutCode.status()).isEqualTo(400);
        assertThat(withoutCode.get("field")).isEqualTo("otp");
        Banking.Answer off = b.loginOtp("F-LOGIN", session, false, a.code(token));
        assertThat(off.code()).isEqualTo("00000");
        assertThat(a.login("F-LOGIN", PASSWORD).get("status")).isEqualTo("AUTHENTICATED");
        assertThat(a.state("F-LOGIN").body()).containsEntry("loginOtpRequired", false);

        assertThat(a.loginOtp("F-LOGIN", session, true, null).code()).as("the token renewed since").isEqualTo("E1007");
        session = off.renewedSession();
        assertThat(a.loginOtp("F-LOGIN", session, true, null).code()).isEqualTo("00000");
        assertThat(b.login("F-LOGIN", PASSWORD).get("status")).isEqualTo("OTP_REQUIRED");
        // A session is bound to its contract.
        assertThat(a.open("F-OTHER", PASSWORD).status()).isEqualTo(201);
        assertThat(a.loginOtp("F-OTHER", session, true, null).code()).isEqualTo("E1007");
    }

    @Test
    void transferLimitChangeNeedsACodeAndIsRecorded() throws Exception {
        Banking.Token token = registered("F-LIMIT");
        String session = b.session("F-LIMIT", PASSWORD, token);
        slice.clock.advance(STEP);
        Banking.Answer noCode = a.call("PUT", "/v1/contracts/F-LIMIT/transfer-limit", HttpCalls.CHANNEL_KEY,
                Map.of("dailyLimit", "300000", "currency", "JPY"), session);
        assertThat(noCode.status()).isEqualTo(400);
        Banking.Answer changed = a.transferLimit("F-LIMIT", session, "0300000.00", a.code(token));
        assertThat(changed.code()).isEqualTo("00000");
        session = changed.renewedSession();
        assertThat(b.state("F-LIMIT").body()).containsEntry("transferLimit", "300000").containsEntry("transferLimitCurrency", "JPY");
        // The customer's settings screen reads the same, on either instance (one of them forwards to the owner).
        for (Banking instance : List.of(a, b)) {
            Banking.Answer settings = instance.call("GET", "/v1/contracts/F-LIMIT/settings", HttpCalls.CHANNEL_KEY, "", session);
            assertThat(settings.status()).isEqualTo(200);
            assertThat(settings.body()).containsEntry("transferLimit", "300000").containsEntry("loginOtpRequired", true)
                    .containsEntry("tokenId", token.tokenId()).containsEntry("tokenStatus", "ACTIVE").doesNotContainKey("otpFailures");
        }
        assertThat(a.call("GET", "/v1/contracts/F-LIMIT/settings", HttpCalls.CHANNEL_KEY, "", null).code()).isEqualTo("E1007");
        Banking.Answer noSession = a.call("PUT", "/v1/contracts/F-LIMIT/transfer-limit", HttpCalls.CHANNEL_KEY,
                Map.of("dailyLimit", "1", "currency", "JPY", "otp", "123456"), null);
        assertThat(noSession.code()).isEqualTo("E1007");
    }

    @Test
    void oneCodeNeverAuthorizesTwoTransfers() throws Exception {
        Banking.Token token = registered("F-TRANSFER");
        String session = a.session("F-TRANSFER", PASSWORD, token);
        slice.clock.advance(STEP);
        String code = a.code(token);
        Banking.Answer first = a.transfer(session, "001-1234567", "002-7654321", "1234.50", code);
        assertThat(first.code()).isEqualTo("00000");
        String expectedHash = sha256("001-1234567|002-7654321|1234.5|JPY");
        assertThat(first.get("transferHash")).isEqualTo(expectedHash);
        session = first.renewedSession();
        Banking.Answer second = b.transfer(session, "001-1234567", "009-9999999", "999999", code);
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.code()).isEqualTo("E1008");
        // The same transfer again with the same code is no better.
        assertThat(b.transfer(second.nextSession(session), "001-1234567", "002-7654321", "1234.50", code).code()).isEqualTo("E1008");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<Map<String, Object>> verified = a.events("F-TRANSFER").list("events").stream()
                    .filter(e -> "OtpVerified".equals(e.get("type")) && "TRANSFER".equals(e.get("purpose"))).toList();
            assertThat(verified).hasSize(1);
            assertThat(verified.get(0)).containsEntry("transferHash", expectedHash);
        });
    }

    @Test
    void aCodeVerifiedAfterTheSuspensionIsAcknowledgedIsRefused() throws Exception {
        Banking.Token token = registered("F-SUSPEND");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // Verifications race the suspension; each uses the current code, so at most one can be accepted anyway.
            List<Future<Banking.Answer>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Banking via = i % 2 == 0 ? a : b;
                racing.add(pool.submit(() -> via.verify("F-SUSPEND", via.code(token), "LOGIN")));
            }
            Banking.Answer suspended = b.ops("token-suspension", "F-SUSPEND", Map.of("reason", "STOLEN"));
            assertThat(suspended.code()).isEqualTo("00000");
            List<CompletableFuture<Banking.Answer>> after = new ArrayList<>();
            slice.clock.advance(STEP);
            for (int i = 0; i < 8; i++) {
                Banking via = i % 2 == 0 ? a : b;
                after.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return via.verify("F-SUSPEND", via.code(token), "LOGIN");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<Banking.Answer> f : after) {
                assertThat(f.join().body()).containsEntry("result", "REJECTED").containsEntry("code", "E1009");
            }
            long accepted = 0;
            for (Future<Banking.Answer> f : racing) {
                accepted += "ACCEPTED".equals(f.get().get("result")) ? 1 : 0;
            }
            assertThat(accepted).as("the code of one step is accepted at most once").isLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Object> event = CustomerJourneyTest.first(a.events("F-SUSPEND"), "TokenSuspended");
            assertThat(event).containsEntry("reason", "STOLEN").containsEntry("operator", HttpCalls.OPERATOR_SUBJECT);
            assertThat(event.get("actor")).isEqualTo(Map.of("type", "OPERATOR", "id", HttpCalls.OPERATOR_SUBJECT,
                    "name", HttpCalls.shown(HttpCalls.OPERATOR_NAME, HttpCalls.OPERATOR_SUBJECT)));
        });
    }

    @Test
    void aBankResetLetsTheCustomerRegisterANewTokenAndShredsTheOldKey() throws Exception {
        Banking.Token broken = registered("F-RESET");
        // Before the reset, whoever holds the KEK and the key topic can open the seed sealed in the events.
        Sealed sealedInEvent = sealedSeedOf("F-RESET", broken.tokenId());
        assertThat(vaultOverKeyTopic().open(broken.tokenId(), sealedInEvent)).isEqualTo(broken.seed());
        Banking.Answer reset = a.ops("token-reset", "F-RESET", Map.of("reason", "device broken"));
        assertThat(reset.code()).isEqualTo("00000");
        assertThat(b.login("F-RESET", PASSWORD).get("status")).as("no token, no code at login").isEqualTo("AUTHENTICATED");
        Banking.Token fresh = a.provision("mobile");
        Banking.Answer start = b.startRegistration("F-RESET", PASSWORD);
        assertThat(start.body()).containsEntry("currentTokenOtpRequired", false);
        assertThat(a.completeRegistration(start.get("registrationId"), fresh.tokenId(), a.code(fresh)).code()).isEqualTo("00001");
        // The old token's data key is a tombstone on the key topic: its seed can no longer be decrypted.
        assertThat(lastKeyRecord(broken.tokenId())).as("tombstone for the reset token").isNull();
        // After it, nobody can: not with the KEK, not from TokenRegistered nor from TokenIssued.
        Assertions.assertThatThrownBy(() -> vaultOverKeyTopic().open(broken.tokenId(), sealedInEvent))
                .isInstanceOf(SecretUnavailableException.class);
        assertThat(lastKeyRecord(fresh.tokenId())).isNotNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Object> event = CustomerJourneyTest.first(b.events("F-RESET"), "TokenReset");
            assertThat(event).containsEntry("reason", "device broken").containsEntry("operator", HttpCalls.OPERATOR_SUBJECT)
                    .containsEntry("tokenId", broken.tokenId());
            assertThat(b.events("F-RESET").raw().body()).doesNotContain("sealedSeed").doesNotContain("ciphertext");
        });
    }

    @Test
    void stopTicketsAreSingleUse() throws Exception {
        Banking.Token token = registered("F-STOP");
        Banking.Answer stop = a.startStop("F-STOP", PASSWORD);
        assertThat(b.completeStop(stop.get("stopId"), a.code(token)).code()).isEqualTo("00002");
        slice.clock.advance(STEP);
        assertThat(a.completeStop(stop.get("stopId"), a.code(token)).code()).isEqualTo("E1007");
        assertThat(a.startStop("F-STOP", PASSWORD).code()).as("nothing left to stop").isEqualTo("E1004");
    }

    @Test
    void bulkImportOpensContractsWithTheirExistingHashes() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String bcrypt = OpenBSDBCrypt.generate("2b", "migrated-1".toCharArray(), salt, 10);
        String argon2 = new Argon2idPasswordHasher(Argon2Cost.DEFAULT, random).hash("migrated-2".toCharArray());
        assertThat(a.open("F-BULK-EXISTS", PASSWORD).status()).isEqualTo(201);

        Banking.Answer bad = b.call("POST", "/v1/ops/contracts/bulk", HttpCalls.OPERATIONS_KEY,
                Map.of("contracts", List.of(Map.of("contractId", "F-BULK-X", "passwordHash", bcrypt),
                        Map.of("contractId", "F-BULK-Y", "passwordHash", "$2b$04$tooCheapToAccept"))), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("field")).isEqualTo("contracts[1].passwordHash");
        assertThat(a.state("F-BULK-X").status()).as("nothing of a refused import is opened").isEqualTo(404);

        Banking.Answer imported = b.call("POST", "/v1/ops/contracts/bulk", HttpCalls.OPERATIONS_KEY,
                Map.of("contracts", List.of(Map.of("contractId", "F-BULK-1", "passwordHash", bcrypt),
                        Map.of("contractId", "F-BULK-2", "passwordHash", argon2),
                        Map.of("contractId", "F-BULK-EXISTS", "passwordHash", argon2))), null);
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body()).containsEntry("opened", 2).containsEntry("rejected", 1);
        assertThat(imported.list("results")).extracting(r -> r.get("code")).containsExactly("00000", "00000", "E1010");
        assertThat(a.login("F-BULK-1", "migrated-1").get("status")).isEqualTo("AUTHENTICATED");
        assertThat(b.login("F-BULK-2", "migrated-2").get("status")).isEqualTo("AUTHENTICATED");
        assertThat(a.login("F-BULK-2", "migrated-1").code()).isEqualTo("E1001");
    }

    @Test
    void theAuditTrailShowsAnEventWithinOneSecondOfItsAnswer() throws Exception {
        assertThat(b.open("F-TRAIL", PASSWORD).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(CustomerJourneyTest.types(a.events("F-TRAIL"))).containsExactly("ContractOpened"));
        Map<String, Object> opened = CustomerJourneyTest.first(a.events("F-TRAIL"), "ContractOpened");
        assertThat(opened).containsKeys("eventId", "occurredAt", "actor").doesNotContainKey("passwordHash");
    }

    @Test
    void pskcImportIsAllOrNothingAndImportedTokensRegister() throws Exception {
        byte[] seed1 = new byte[20];
        byte[] seed2 = new byte[20];
        new SecureRandom().nextBytes(seed1);
        new SecureRandom().nextBytes(seed2);
        String bad = PskcFiles.plain(List.of(
                PskcFiles.Entry.totp("VSMT20000001", seed1),
                PskcFiles.Entry.totp("VSMT2000", seed2)));
        Banking.Answer refused = pskc(a, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("E4000");
        assertThat(refused.list("errors")).singleElement().satisfies(e -> assertThat(e).containsEntry("entry", 2)
                .containsEntry("keyId", "VSMT2000"));

        String good = PskcFiles.encrypted(List.of(
                PskcFiles.Entry.totp("VSMT20000001", seed1),
                PskcFiles.Entry.totp("VSMT20000002", seed2)), slice.pskcKey);
        Banking.Answer imported = pskc(b, good);
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        assertThat(imported.body()).containsEntry("imported", 2);
        Banking.Answer again = pskc(b, good);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.list("errors")).hasSize(2).allSatisfy(e -> assertThat((String) e.get("problem")).contains("already issued"));

        Banking.Token migrated = new Banking.Token("VSMT20000002", seed2);
        assertThat(a.open("F-PSKC", PASSWORD).status()).isEqualTo(201);
        assertThat(b.register("F-PSKC", PASSWORD, migrated).code()).isEqualTo("00001");
        assertThat(a.open("F-PSKC-2", PASSWORD).status()).isEqualTo(201);
        // The refused file's good entry was not imported either: only the second file's copy exists.
        slice.clock.advance(STEP);
        assertThat(b.register("F-PSKC-2", PASSWORD, new Banking.Token("VSMT20000001", seed1)).code()).isEqualTo("00001");
    }

    @Test
    void wrongCodesAndALostTokenRaiseAlertsThatOperationsRead() throws Exception {
        Banking.Token token = registered("F-FRAUD");
        String wrong = a.code(token).equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 3; i++) {
            Banking via = i % 2 == 0 ? a : b;
            assertThat(via.call("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY, Map.of("contractId", "F-FRAUD", "otp", wrong,
                    "purpose", "LOGIN", "context", Map.of("clientIp", "198.51.100.23")), null).code()).isEqualTo("E1002");
        }
        assertThat(b.ops("token-suspension", "F-FRAUD", Map.of("reason", "LOST")).code()).isEqualTo("00000");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Banking.Answer alerts = a.call("GET", "/v1/ops/alerts?contractId=F-FRAUD", HttpCalls.OPERATIONS_KEY, "", null);
            assertThat(alerts.status()).isEqualTo(200);
            assertThat(alerts.list("alerts")).extracting(x -> x.get("rule"))
                    .containsExactly("TOKEN_LOST_OR_STOLEN", "WRONG_CODE_BURST");
        });
        Banking.Answer all = b.call("GET", "/v1/ops/alerts?limit=5", HttpCalls.OPERATIONS_KEY, "", null);
        assertThat(all.list("alerts")).isNotEmpty().allSatisfy(x -> assertThat(x).containsKeys("alertId", "rule", "windowEnd"));
        assertThat(a.call("GET", "/v1/ops/alerts", HttpCalls.CHANNEL_KEY, "", null).code()).isEqualTo("E4030");
    }

    private Banking.Answer pskc(Banking client, String xml) throws Exception {
        return client.parse(client.http().send("POST", "/v1/ops/tokens/imports", HttpCalls.OPERATIONS_KEY,
                "application/pskc+xml", xml));
    }

    /** The seed sealed in the contract's TokenRegistered event for this token, read from the event log. */
    private Sealed sealedSeedOf(String contractId, String tokenId) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "shred-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), slice.wire.deserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS.nameIn(slice.prefix)));
            SealedBytes[] found = {null};
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (contractId.equals(r.key()) && r.value() instanceof TokenRegistered t
                            && t.getTokenId().equals(tokenId)) {
                        found[0] = t.getSealedSeed();
                    }
                });
                return found[0] != null;
            });
            return WireConversions.sealed(found[0]);
        }
    }

    /** A vault with the platform's KEK over the key topic as it stands (latest value per token, tombstones delete). */
    private SeedOpener vaultOverKeyTopic() {
        Map<String, Sealed> keys = new HashMap<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), slice.wire.deserializer())) {
            var partitions = consumer.partitionsFor(Topics.TOKEN_KEYS.nameIn(slice.prefix)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() == null) {
                        keys.remove(r.key());
                    } else {
                        keys.put(r.key(), WireConversions.sealed(
                                ((WrappedDataKey) r.value()).getWrapped()));
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return new SeedVault(slice.kek, new SecureRandom()).opener(id -> Optional.ofNullable(keys.get(id)));
    }

    private Object lastKeyRecord(String tokenId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.TOKEN_KEYS.nameIn(slice.prefix)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Object[] last = {"absent"};
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(tokenId)) {
                        last[0] = r.value();
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            assertThat(last[0]).as("a record for " + tokenId).isNotEqualTo("absent");
            return last[0];
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void concurrentTransfersOnTwoInstancesNeverExceedTheDailyLimit() throws Exception {
        Banking.Token token = registered("F-DAILY");
        String session = a.session("F-DAILY", PASSWORD, token);
        slice.clock.advance(STEP);
        Banking.Answer off = b.loginOtp("F-DAILY", session, false, a.code(token));
        assertThat(off.code()).isEqualTo("00000");
        slice.clock.advance(STEP);
        Banking.Answer limit = a.transferLimit("F-DAILY", off.renewedSession(), "50000", a.code(token));
        assertThat(limit.code()).isEqualTo("00000");
        // Six sessions (password only now: a session's renewal retires its token, so one each), six
        // transfers of 20,000 at once, half on each instance, with the codes of the three steps the window accepts.
        List<String> sessions = new ArrayList<>(List.of(limit.renewedSession()));
        for (int i = 0; i < 5; i++) {
            sessions.add(b.login("F-DAILY", PASSWORD).get("sessionId"));
        }
        slice.clock.advance(STEP.multipliedBy(2));
        Instant now = slice.clock.instant();
        List<String> codes = List.of(-1, 0, 1).stream()
                .map(d -> Totp.codeAt(token.seed(), now.plus(STEP.multipliedBy(d)), TotpParameters.DEFAULT)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Banking.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Banking bank = i % 2 == 0 ? a : b;
                String s = sessions.get(i % sessions.size());
                String code = codes.get(i % codes.size());
                String to = "009-000000" + i;
                answers.add(pool.submit(() -> bank.transfer(s, "001-1234567", to, "20000", code)));
            }
            long authorized = 0;
            for (Future<Banking.Answer> f : answers) {
                String code = f.get().code();
                // A step's code after a later step's was accepted no longer matches (E1002) or is the same code again (E1008).
                assertThat(code).isIn("00000", "E1015", "E1008", "E1002");
                authorized += "00000".equals(code) ? 1 : 0;
            }
            assertThat(authorized).as("at most two of 20,000 within 50,000").isBetween(1L, 2L);
            long total = authorized;
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(a.events("F-DAILY").list("events").stream()
                    .filter(e -> "TransferAuthorized".equals(e.get("type")))).hasSize((int) total));
        } finally {
            pool.shutdownNow();
        }
    }
}
