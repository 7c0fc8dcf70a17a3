package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every error code of DESIGN.md §4 reached through the flows, with its HTTP status (E5030 is in
 * NoOwnerTest; the success codes 00001/00002/00003 in CustomerJourneyTest).
 */
class ResultCodesTest extends OneInstanceTest {
    private static final String PASSWORD = "Passw0rd-Kawasaki";

    private Banking.Token registered(String contractId) throws Exception {
        return bank.registered(contractId, PASSWORD);
    }

    private static void problem(Banking.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(answer.code()).isEqualTo(code);
    }

    @Test
    void e1001WrongPasswordAndUnknownContractAnswerAlike() throws Exception {
        registered("RC-1001");
        Banking.Answer wrongPassword = bank.login("RC-1001", "not-the-password");
        Banking.Answer unknownContract = bank.login("RC-NOBODY", PASSWORD);
        problem(wrongPassword, 401, "E1001");
        problem(unknownContract, 401, "E1001");
        assertThat(wrongPassword.raw().body()).isEqualTo(unknownContract.raw().body());
        problem(bank.startRegistration("RC-NOBODY", PASSWORD), 401, "E1001");
        problem(bank.startStop("RC-1001", "wrong"), 401, "E1001");
    }

    @Test
    void e1002WrongCode() throws Exception {
        Banking.Token token = registered("RC-1002");
        Banking.Answer login = bank.login("RC-1002", PASSWORD);
        String wrong = bank.code(token).equals("000000") ? "000001" : "000000";
        problem(bank.answerChallenge(login.get("challengeId"), wrong), 401, "E1002");
    }

    @Test
    void e1003LockedAfterFiveWrongCodesUntilUnlocked() throws Exception {
        Banking.Token token = registered("RC-1003");
        String wrong = bank.code(token).equals("000000") ? "000001" : "000000";
        for (int i = 1; i <= 4; i++) {
            assertThat(bank.verify("RC-1003", wrong, "LOGIN").code()).isEqualTo("E1002");
        }
        assertThat(bank.verify("RC-1003", wrong, "LOGIN").code()).isEqualTo("E1003");
        Banking.Answer login = bank.login("RC-1003", PASSWORD);
        problem(login, 403, "E1003");
        assertThat(bank.ops("unlock", "RC-1003", Map.of("reason", "customer called, identity checked"))
                .code()).isEqualTo("00000");
        Banking.Answer again = bank.login("RC-1003", PASSWORD);
        assertThat(bank.answerChallenge(again.get("challengeId"), bank.code(token)).get("status")).isEqualTo("AUTHENTICATED");
    }

    @Test
    void e1004NoTokenRegistered() throws Exception {
        assertThat(bank.open("RC-1004", PASSWORD).status()).isEqualTo(201);
        problem(bank.startStop("RC-1004", PASSWORD), 404, "E1004");
        assertThat(bank.verify("RC-1004", "123456", "LOGIN").code()).isEqualTo("E1004");
        problem(bank.ops("token-reset", "RC-1004", Map.of("reason", "no token")), 404, "E1004");
    }

    @Test
    void e1005UnknownTokenId() throws Exception {
        assertThat(bank.open("RC-1005", PASSWORD).status()).isEqualTo(201);
        Banking.Answer start = bank.startRegistration("RC-1005", PASSWORD);
        problem(bank.completeRegistration(start.get("registrationId"), "SKMT99999999", "123456"), 404, "E1005");
    }

    @Test
    void e1006TokenAlreadyInUseByAnotherContract() throws Exception {
        assertThat(bank.open("RC-1006-A", PASSWORD).status()).isEqualTo(201);
        assertThat(bank.open("RC-1006-B", PASSWORD).status()).isEqualTo(201);
        Banking.Token token = bank.provision("desktop");
        assertThat(token.tokenId()).startsWith("SKDT");
        assertThat(bank.register("RC-1006-A", PASSWORD, token).code()).isEqualTo("00001");
        slice.clock.advance(STEP);
        problem(bank.register("RC-1006-B", PASSWORD, token), 409, "E1006");
    }

    @Test
    void e1007ExpiredChallengeUnknownTicketAndIdleSession() throws Exception {
        Banking.Token token = registered("RC-1007");
        Banking.Answer login = bank.login("RC-1007", PASSWORD);
        slice.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        problem(bank.answerChallenge(login.get("challengeId"), bank.code(token)), 404, "E1007");
        problem(bank.answerChallenge("RC-1007.AAAAAAAAAAAAAAAAAAAAAA", bank.code(token)), 404, "E1007");
        problem(bank.completeStop("not-a-ticket", "123456"), 404, "E1007");

        String session = bank.session("RC-1007", PASSWORD, token);
        slice.clock.advance(Duration.ofMinutes(4));
        Banking.Answer used = bank.transferLimit("RC-1007", session, "100000", bank.code(token));
        assertThat(used.code()).isEqualTo("00000");
        String renewed = used.raw().headers().firstValue("X-Session-Id").orElseThrow();
        slice.clock.advance(Duration.ofMinutes(4));
        // Nine minutes after login but four after its last use: the renewed session is still good.
        assertThat(bank.transferLimit("RC-1007", renewed, "200000", bank.code(token)).code()).isEqualTo("00000");
        slice.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        problem(bank.transferLimit("RC-1007", renewed, "300000", bank.code(token)), 404, "E1007");
        problem(bank.transferLimit("RC-1007", renewed + "x", "300000", bank.code(token)), 404, "E1007");
    }

    @Test
    void e1008CodeAlreadyUsed() throws Exception {
        Banking.Token token = registered("RC-1008");
        String code = bank.code(token);
        Banking.Answer first = bank.login("RC-1008", PASSWORD);
        assertThat(bank.answerChallenge(first.get("challengeId"), code).get("status")).isEqualTo("AUTHENTICATED");
        Banking.Answer second = bank.login("RC-1008", PASSWORD);
        problem(bank.answerChallenge(second.get("challengeId"), code), 401, "E1008");
    }

    @Test
    void e1009SuspendedTokenUntilANewOneIsRegistered() throws Exception {
        Banking.Token token = registered("RC-1009");
        assertThat(bank.ops("token-suspension", "RC-1009", Map.of("reason", "UNINSTALLED")).code())
                .isEqualTo("00000");
        problem(bank.login("RC-1009", PASSWORD), 403, "E1009");
        assertThat(bank.verify("RC-1009", bank.code(token), "LOGIN").code()).isEqualTo("E1009");
        // A suspended token asks no current-token code: the customer registers a new one directly.
        Banking.Token replacement = bank.provision("mobile");
        Banking.Answer start = bank.startRegistration("RC-1009", PASSWORD);
        assertThat(start.body()).containsEntry("currentTokenOtpRequired", false);
        assertThat(bank.completeRegistration(start.get("registrationId"), replacement.tokenId(), bank.code(replacement)).code())
                .isEqualTo("00001");
    }

    @Test
    void e1011AfterALossOrTheftReportNoRegistrationWithThePasswordAloneUntilTheBankResets() throws Exception {
        Banking.Token stolen = registered("RC-1011");
        assertThat(bank.ops("token-suspension", "RC-1011", Map.of("reason", "STOLEN")).code())
                .isEqualTo("00000");
        // The thief has the phone and the saved password: registration is refused, and says whom to call.
        problem(bank.startRegistration("RC-1011", PASSWORD), 403, "E1011");
        assertThat(bank.verify("RC-1011", bank.code(stolen), "LOGIN").code()).isEqualTo("E1009");
        assertThat(bank.ops("token-reset", "RC-1011", Map.of("reason", "customer at the desk")).code())
                .isEqualTo("00000");
        assertThat(bank.register("RC-1011", PASSWORD, bank.provision("mobile")).code()).isEqualTo("00001");
    }

    @Test
    void e1010ContractAlreadyExists() throws Exception {
        assertThat(bank.open("RC-1010", PASSWORD).status()).isEqualTo(201);
        problem(bank.open("RC-1010", "another"), 409, "E1010");
    }

    @Test
    void e4000NamesTheBadField() throws Exception {
        Map<String, Object[]> cases = Map.of(
                "/v1/sessions", new Object[] {Map.of("contractId", "bad id", "password", "x"), "contractId"},
                "/v1/otp/registrations", new Object[] {Map.of("contractId", "RC-4000"), "password"},
                "/v1/otp/stops", new Object[] {"[1,2]", "body"},
                "/v1/tokens", new Object[] {Map.of("platform", "watch"), "platform"},
                "/v1/ops/contracts", new Object[] {Map.of("contractId", "RC-4000", "passwordHash", "plain", "operator", "o"),
                    "passwordHash"},
                "/v1/ops/contracts/RC-4000/token-suspension", new Object[] {Map.of("reason", "BORED", "operator", "o"), "reason"},
                "/v1/ops/contracts/RC-4000/unlock", new Object[] {Map.of("operator", "o"), "reason"});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            String key = c.getKey().startsWith("/v1/ops") ? HttpCalls.operatorToken() : HttpCalls.CHANNEL_KEY;
            Banking.Answer answer = bank.call("POST", c.getKey(), key, c.getValue()[0], null);
            problem(answer, 400, "E4000");
            assertThat(answer.get("field")).as(c.getKey()).isEqualTo(c.getValue()[1]);
        }
        Banking.Answer login = bank.login("RC-4000", PASSWORD);
        problem(bank.answerChallenge("RC-4000.AAAAAAAAAAAAAAAAAAAAAA", "12345"), 400, "E4000");
        problem(bank.completeRegistration("RC-4000.AAAAAAAAAAAAAAAAAAAAAA", "SKMT1234", "123456"), 400, "E4000");
        assertThat(login.code()).isEqualTo("E1001");
    }

    @Test
    void e4010AndE4030ApiKeysAndRoles() throws Exception {
        problem(bank.call("POST", "/v1/sessions", null, Map.of("contractId", "X", "password", "y"), null), 401, "E4010");
        problem(bank.call("POST", "/v1/sessions", "wrong-key", Map.of("contractId", "X", "password", "y"), null), 401, "E4010");
        problem(bank.call("POST", "/v1/ops/contracts", HttpCalls.CHANNEL_KEY,
                Map.of("contractId", "X", "password", "y", "operator", "o"), null), 403, "E4030");
        problem(bank.call("POST", "/v1/ops/contracts/X/token-reset", HttpCalls.CHANNEL_KEY,
                Map.of("operator", "o", "reason", "r"), null), 403, "E4030");
        problem(bank.call("POST", "/v1/sessions", HttpCalls.OPERATIONS_KEY, Map.of("contractId", "X", "password", "y"), null),
                403, "E4030");
    }
}
