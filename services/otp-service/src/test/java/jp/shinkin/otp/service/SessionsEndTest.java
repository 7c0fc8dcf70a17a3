package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sessions end when they should, on every instance at once: logout, a suspension and a lock each
 * end every session of the contract (its session epoch moves on in the single writer's state, and
 * the owner refuses older tokens), whichever instance the old token is shown to.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsEndTest {
    private static final String PASSWORD = "Passw0rd-Nagano";
    private TestPlatform slice;
    private ServiceInstance a;
    private ServiceInstance b;
    private Banking bankA;
    private Banking bankB;

    @BeforeAll
    void start() {
        slice = new TestPlatform();
        a = new ServiceInstance(slice.instance(), slice.clock);
        b = new ServiceInstance(slice.instance(), slice.clock);
        for (ServiceInstance s : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> s.http().get("/health", null).statusCode() == 200);
        }
        bankA = new Banking(a, slice);
        bankB = new Banking(b, slice);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        slice.close();
    }

    private Banking.Token registered(String contractId) throws Exception {
        return bankA.registered(contractId, PASSWORD);
    }

    private Banking.Answer settings(Banking bank, String contractId, String session) throws Exception {
        return bank.call("GET", "/v1/contracts/" + contractId + "/settings", HttpCalls.CHANNEL_KEY, "", session);
    }

    @Test
    void logoutOnOneInstanceEndsEverySessionOfTheContractOnAll() throws Exception {
        Banking.Token token = registered("SE-1");
        String first = bankA.session("SE-1", PASSWORD, token);
        slice.clock.advance(Duration.ofSeconds(30));
        String second = bankB.session("SE-1", PASSWORD, token);
        assertThat(settings(bankA, "SE-1", first).status()).isEqualTo(200);
        assertThat(settings(bankB, "SE-1", second).status()).isEqualTo(200);

        assertThat(bankB.call("DELETE", "/v1/sessions", HttpCalls.CHANNEL_KEY, "", second).code()).isEqualTo("00000");

        for (Banking bank : List.of(bankA, bankB)) {
            for (String old : List.of(first, second)) {
                Banking.Answer refused = settings(bank, "SE-1", old);
                assertThat(refused.code()).isEqualTo("E1007");
                assertThat(refused.get("detail")).contains("ended");
            }
        }
        assertThat(bankA.call("PUT", "/v1/contracts/SE-1/transfer-limit", HttpCalls.CHANNEL_KEY,
                Map.of("dailyLimit", "100000", "currency", "JPY", "otp", bankA.code(token)), first).code()).isEqualTo("E1007");
        assertThat(bankA.call("DELETE", "/v1/sessions", HttpCalls.CHANNEL_KEY, "", first).code())
                .as("a second logout with an ended session").isEqualTo("E1007");
        slice.clock.advance(Duration.ofSeconds(30));
        String again = bankA.session("SE-1", PASSWORD, token);
        assertThat(settings(bankB, "SE-1", again).status()).as("a new login works").isEqualTo(200);
    }

    @Test
    void aSuspensionEndsTheSessions() throws Exception {
        Banking.Token token = registered("SE-2");
        String session = bankA.session("SE-2", PASSWORD, token);
        assertThat(bankB.call("POST", "/v1/ops/contracts/SE-2/token-suspension", HttpCalls.operatorToken(),
                Map.of("reason", "STOLEN"), null).code()).isEqualTo("00000");
        assertThat(settings(bankA, "SE-2", session).code()).isEqualTo("E1007");
        assertThat(settings(bankB, "SE-2", session).code()).isEqualTo("E1007");
    }

    @Test
    void aLockEndsTheSessions() throws Exception {
        Banking.Token token = registered("SE-3");
        String session = bankA.session("SE-3", PASSWORD, token);
        for (int i = 0; i < 6; i++) {
            bankB.login("SE-3", "wrong-" + i);
        }
        assertThat(bankB.login("SE-3", PASSWORD).code()).isEqualTo("E1003");
        assertThat(settings(bankA, "SE-3", session).code()).isEqualTo("E1007");
        assertThat(bankB.call("POST", "/v1/transfers/authorizations", HttpCalls.CHANNEL_KEY, Map.of("fromAccount", "001-1",
                "toAccount", "002-2", "amount", "1000", "currency", "JPY", "otp", bankA.code(token)), session).code())
                .isEqualTo("E1007");
    }

    @Test
    void aRenewalRetiresThePreviousTokenOnEveryInstance() throws Exception {
        Banking.Token token = registered("SE-4");
        String shown = bankA.session("SE-4", PASSWORD, token);
        slice.clock.advance(Duration.ofSeconds(30));
        Banking.Answer changed = bankB.transferLimit("SE-4", shown, "200000", bankA.code(token));
        assertThat(changed.code()).isEqualTo("00000");
        String renewed = changed.renewedSession();
        assertThat(renewed).isNotEqualTo(shown);

        for (Banking bank : List.of(bankA, bankB)) {
            Banking.Answer read = settings(bank, "SE-4", shown);
            assertThat(read.code()).isEqualTo("E1007");
            assertThat(read.get("detail")).contains("renewed");
            Banking.Answer write = bank.transferLimit("SE-4", shown, "300000", bankA.code(token));
            assertThat(write.code()).isEqualTo("E1007");
            assertThat(write.raw().headers().firstValue("X-Session-Id")).as("a refused token is not renewed").isEmpty();
        }
        assertThat(settings(bankA, "SE-4", renewed).status()).isEqualTo(200);
        slice.clock.advance(Duration.ofSeconds(30));
        Banking.Answer again = bankA.transferLimit("SE-4", renewed, "300000", bankA.code(token));
        assertThat(again.code()).as("the renewed token, on the other instance").isEqualTo("00000");
        assertThat(settings(bankB, "SE-4", renewed).code()).isEqualTo("E1007");
        assertThat(settings(bankB, "SE-4", again.renewedSession()).status()).isEqualTo(200);
    }
}
