package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Maker-checker (検印) through the API: an operator asks for a reset or an unlock, another person
 * with the approver role approves or rejects it within the time limit, and the trail shows the
 * request, the decision and the effect with both people and the reason.
 */
class ApprovalsTest extends OneInstanceTest {
    private static final String PASSWORD = "Passw0rd-Shizuoka";
    /** Short, so the test clock need not run far ahead (the broker refuses records an hour in the future). */
    private static final Duration APPROVAL_TTL = Duration.ofMinutes(10);

    @Override
    Map<String, Object> properties(TestPlatform platform) {
        Map<String, Object> p = platform.instance();
        p.put("otp.operations.approval-ttl", APPROVAL_TTL.toMinutes() + "m");
        return p;
    }

    private Banking.Token registered(String contractId) throws Exception {
        return bank.registered(contractId, PASSWORD);
    }

    private Banking.Answer ask(String contractId, String action, String token) throws Exception {
        return bank.call("POST", "/v1/ops/contracts/" + contractId + "/" + action, token,
                Map.of("reason", "customer at the desk, ID checked"), null);
    }

    private List<Map<String, Object>> events(String contractId, String type) throws Exception {
        return bank.events(contractId).list("events").stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aResetHappensOnlyWhenAnotherPersonApprovesAndTheTrailNamesBoth() throws Exception {
        registered("AP-1");
        Banking.Answer asked = ask("AP-1", "token-reset", HttpCalls.operatorToken());
        assertThat(asked.status()).isEqualTo(202);
        assertThat(asked.body()).containsEntry("code", "00000").containsEntry("status", "AWAITING_APPROVAL")
                .containsEntry("action", "TOKEN_RESET");
        String requestId = asked.get("requestId");
        Banking.Answer waiting = bank.state("AP-1");
        assertThat(((Map<String, Object>) waiting.body().get("token")).get("status")).isEqualTo("ACTIVE");
        assertThat(waiting.list("pendingApprovals")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("requestId", requestId).containsEntry("requestedBy", HttpCalls.OPERATOR_SUBJECT)
                .containsEntry("requestedByName", HttpCalls.shown(HttpCalls.OPERATOR_NAME, HttpCalls.OPERATOR_SUBJECT)));

        // The operator role alone may not approve, nor the batch job's key, with or without a trailing slash; the approver may.
        assertThat(bank.decide("AP-1", requestId, "approve", HttpCalls.operatorToken()).code()).isEqualTo("E4030");
        assertThat(bank.decide("AP-1", requestId + "/", "approve", HttpCalls.operatorToken()).code()).isEqualTo("E4030");
        assertThat(bank.decide("AP-1", requestId + "/", "approve", HttpCalls.OPERATIONS_KEY).code()).isEqualTo("E4030");
        assertThat(bank.call("POST", "/v1/ops/contracts/AP-1/token-suspension/", HttpCalls.OPERATIONS_KEY,
                Map.of("reason", "LOST"), null).code()).isEqualTo("E4030");
        assertThat(bank.decide("AP-1", requestId, "approve", HttpCalls.approverToken()).code()).isEqualTo("00000");
        assertThat(bank.state("AP-1").body().get("token")).isNull();
        assertThat(bank.state("AP-1").list("pendingApprovals")).as("none waiting (left out of the answer when empty)").isNullOrEmpty();

        Map<String, Object> requested = events("AP-1", "ApprovalRequested").get(0);
        assertThat(requested).containsEntry("requestedBy", HttpCalls.OPERATOR_SUBJECT).containsEntry("reason",
                "customer at the desk, ID checked");
        assertThat((Map<String, Object>) requested.get("actor")).containsEntry("name",
                HttpCalls.shown(HttpCalls.OPERATOR_NAME, HttpCalls.OPERATOR_SUBJECT));
        Map<String, Object> granted = events("AP-1", "ApprovalGranted").get(0);
        assertThat(granted).containsEntry("requestId", requestId).containsEntry("requestedBy", HttpCalls.OPERATOR_SUBJECT)
                .containsEntry("approvedBy", HttpCalls.APPROVER_SUBJECT).containsEntry("approvedByName",
                HttpCalls.shown(HttpCalls.APPROVER_NAME, HttpCalls.APPROVER_SUBJECT));
        assertThat((Map<String, Object>) granted.get("actor")).containsEntry("id", HttpCalls.APPROVER_SUBJECT);
        assertThat(events("AP-1", "TokenReset").get(0)).containsEntry("operator", HttpCalls.OPERATOR_SUBJECT)
                .containsEntry("approvedBy", HttpCalls.APPROVER_SUBJECT).containsEntry("reason", "customer at the desk, ID checked");
    }

    @Test
    void nobodyApprovesTheirOwnRequestEvenWithBothRoles() throws Exception {
        registered("AP-2");
        String both = HttpCalls.staffToken("both-roles-subject", "Ken Both", "operator", "approver");
        String requestId = ask("AP-2", "token-reset", both).get("requestId");
        Banking.Answer self = bank.decide("AP-2", requestId, "approve", both);
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo("E1014");
        assertThat(bank.state("AP-2").body().get("token")).isNotNull();
        assertThat(ask("AP-2", "token-reset", HttpCalls.operatorToken()).code()).as("one request waits at a time").isEqualTo("E1012");
    }

    @Test
    void aRejectedRequestDoesNothingAndNeedsAReason() throws Exception {
        registered("AP-3");
        String requestId = ask("AP-3", "token-reset", HttpCalls.operatorToken()).get("requestId");
        Banking.Answer noReason = bank.call("POST", "/v1/ops/contracts/AP-3/approvals/" + requestId, HttpCalls.approverToken(),
                Map.of("decision", "reject"), null);
        assertThat(noReason.code()).isEqualTo("E4000");
        assertThat(noReason.get("field")).isEqualTo("reason");
        assertThat(bank.decide("AP-3", requestId, "reject", HttpCalls.approverToken()).code()).isEqualTo("00000");
        assertThat(bank.state("AP-3").body().get("token")).isNotNull();
        assertThat(events("AP-3", "ApprovalRejected")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("rejectedBy", HttpCalls.APPROVER_SUBJECT).containsEntry("requestedBy", HttpCalls.OPERATOR_SUBJECT));
        assertThat(bank.decide("AP-3", requestId, "approve", HttpCalls.approverToken()).code()).isEqualTo("E1013");
        assertThat(events("AP-3", "TokenReset")).isEmpty();
    }

    @Test
    void anExpiredRequestDoesNothing() throws Exception {
        registered("AP-4");
        String requestId = ask("AP-4", "token-reset", HttpCalls.operatorToken()).get("requestId");
        slice.clock.advance(APPROVAL_TTL.plusSeconds(1));
        Banking.Answer late = bank.decide("AP-4", requestId, "approve", HttpCalls.approverToken());
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.code()).isEqualTo("E1013");
        assertThat(bank.state("AP-4").body().get("token")).isNotNull();
        assertThat(events("AP-4", "ApprovalExpired")).hasSize(1);
        assertThat(events("AP-4", "TokenReset")).isEmpty();
    }

    @Test
    void aStolenTokensOwnerRegistersAgainOnlyAfterAnApprovedReset() throws Exception {
        registered("AP-5");
        assertThat(bank.call("POST", "/v1/ops/contracts/AP-5/token-suspension", HttpCalls.operatorToken(),
                Map.of("reason", "STOLEN"), null).code()).as("a suspension is immediate").isEqualTo("00000");
        assertThat(bank.startRegistration("AP-5", PASSWORD).code()).isEqualTo("E1011");
        String requestId = ask("AP-5", "token-reset", HttpCalls.operatorToken()).get("requestId");
        assertThat(bank.startRegistration("AP-5", PASSWORD).code()).as("asked is not approved").isEqualTo("E1011");
        assertThat(bank.decide("AP-5", requestId, "approve", HttpCalls.approverToken()).code()).isEqualTo("00000");
        Banking.Token replacement = bank.provision("mobile");
        assertThat(bank.register("AP-5", PASSWORD, replacement).code()).isEqualTo("00001");
    }

    @Test
    void anUnlockIsApprovedTheSameWay() throws Exception {
        registered("AP-6");
        for (int i = 0; i < 6; i++) {
            bank.login("AP-6", "wrong-" + i);
        }
        assertThat(bank.login("AP-6", PASSWORD).code()).isEqualTo("E1003");
        String requestId = ask("AP-6", "unlock", HttpCalls.operatorToken()).get("requestId");
        assertThat(bank.login("AP-6", PASSWORD).code()).as("still locked while waiting").isEqualTo("E1003");
        assertThat(bank.decide("AP-6", requestId, "approve", HttpCalls.approverToken()).code()).isEqualTo("00000");
        assertThat(bank.login("AP-6", PASSWORD).status()).isEqualTo(200);
        assertThat(events("AP-6", "ContractUnlocked")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("approvedBy", HttpCalls.APPROVER_SUBJECT));
    }
}
