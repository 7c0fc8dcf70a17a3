package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.testkit.StaffIdentityProvider;
import org.junit.jupiter.api.Test;

/**
 * Who acted is proved, not claimed: operations actions take their operator from an access token
 * of the staff identity provider (a real OIDC provider over HTTP), and the events name its subject
 * and display name whatever the body says. Bad tokens are 401, wrong roles 403.
 */
class OperatorIdentityTest extends OneInstanceTest {
    private static final String PASSWORD = "Passw0rd-Kawasaki";
    private final StaffIdentityProvider idp = StaffIdentityProvider.shared();

    private Banking.Token registered(String contractId) throws Exception {
        return bank.registered(contractId, PASSWORD);
    }

    private Banking.Answer unlock(String contractId, String bearer, Map<String, Object> body) throws Exception {
        return bank.call("POST", "/v1/ops/contracts/" + contractId + "/unlock", bearer, body, null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastEvent(String contractId, String type) throws Exception {
        List<Map<String, Object>> events = bank.events(contractId).list("events");
        return events.stream().filter(e -> type.equals(e.get("type"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anActionsEventsNameTheTokensSubjectAndNameNotTheBodys() throws Exception {
        registered("OI-1");
        String kato = idp.token("7d1f-kato-subject", "Kato Ichiro", "operator");
        Banking.Answer suspended = bank.call("POST", "/v1/ops/contracts/OI-1/token-suspension", kato,
                Map.of("reason", "LOST", "operator", "someone-else"), null);
        assertThat(suspended.code()).isEqualTo("00000");

        Map<String, Object> event = lastEvent("OI-1", "TokenSuspended");
        assertThat(event.get("operator")).isEqualTo("7d1f-kato-subject");
        Map<String, Object> actor = (Map<String, Object>) event.get("actor");
        assertThat(actor).containsEntry("type", "OPERATOR").containsEntry("id", "7d1f-kato-subject")
                .containsEntry("name", "Kato Ichiro (7d1f-kato-subject)");
        assertThat(bank.events("OI-1").raw().body()).doesNotContain("someone-else");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBatchJobsKeyImportsUnderItsOwnNameButActsForNobody() throws Exception {
        assertThat(bank.open("OI-2", PASSWORD).status()).isEqualTo(201);
        Map<String, Object> opened = lastEvent("OI-2", "ContractOpened");
        assertThat((Map<String, Object>) opened.get("actor")).containsEntry("type", "SYSTEM").containsEntry("id", "operations-batch");

        Banking.Answer refused = unlock("OI-2", HttpCalls.OPERATIONS_KEY, Map.of("reason", "desk"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("E4030");
        assertThat(refused.get("detail")).contains("signed-in operator");
    }

    @Test
    void badTokensAre401() throws Exception {
        registered("OI-3");
        Map<String, Object> body = Map.of("reason", "desk");
        String expired = idp.token(StaffIdentityProvider.STAFF, "op-x", "X", StaffIdentityProvider.AUDIENCE, -120, "operator");
        String foreignIssuer = idp.token("another-realm", "op-x", "X", StaffIdentityProvider.AUDIENCE, 300, "operator");
        String wrongAudience = idp.token(StaffIdentityProvider.STAFF, "op-x", "X", "some-other-api", 300, "operator");
        String selfSigned = selfSigned(idp.issuer());
        String otherApplication = idp.token(StaffIdentityProvider.STAFF, "some-other-app", "op-x", "X",
                StaffIdentityProvider.AUDIENCE, 300, "operator");
        String good = idp.token("op-x", "X", "operator");
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("op-x", "op-y").getBytes()) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + parts[1] + ".";

        Map<String, String> reasons = Map.of(expired, "expired", foreignIssuer, "another issuer", wrongAudience,
                "another audience", selfSigned, "signature", tampered, "signature", unsigned, "not accepted",
                otherApplication, "another application");
        for (Map.Entry<String, String> bad : reasons.entrySet()) {
            Banking.Answer answer = unlock("OI-3", bad.getKey(), body);
            assertThat(answer.status()).as(bad.getValue()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("E4010");
            assertThat(answer.get("detail")).as(answer.raw().body()).contains(bad.getValue());
        }
        assertThat(unlock("OI-3", good, body).code()).as("the same call with a good token").isEqualTo("00000");
    }

    @Test
    void rolesDecideWhatAPersonMayDo() throws Exception {
        registered("OI-4");
        Map<String, Object> body = Map.of("reason", "desk");
        String auditor = idp.token("op-audit", "Tanaka Kenji", "auditor");
        String approver = idp.token("op-approve", "Takahashi Yuki", "approver");
        String nobody = idp.token("op-none", "No Roles");

        assertThat(unlock("OI-4", HttpCalls.CHANNEL_KEY, body).code()).isEqualTo("E4030");
        assertThat(unlock("OI-4", auditor, body).code()).isEqualTo("E4030");
        assertThat(unlock("OI-4", approver, body).code()).isEqualTo("E4030");
        assertThat(unlock("OI-4", nobody, body).code()).isEqualTo("E4030");
        assertThat(bank.call("GET", "/v1/ops/contracts/OI-4", nobody, "", null).code()).isEqualTo("E4030");

        assertThat(bank.call("GET", "/v1/ops/contracts/OI-4", auditor, "", null).status()).isEqualTo(200);
        assertThat(bank.call("GET", "/v1/ops/contracts/OI-4/events", auditor, "", null).status()).isEqualTo(200);
        assertThat(bank.call("POST", "/v1/ops/contracts", auditor, Map.of("contractId", "OI-5", "password", PASSWORD), null)
                .code()).isEqualTo("E4030");
        // A staff token is for the operations API only.
        assertThat(bank.call("POST", "/v1/sessions", idp.token("op-x", "X", "operator"),
                Map.of("contractId", "OI-4", "password", PASSWORD), null).code()).isIn("E4010", "E4030");
    }

    /** The right claims, signed by a key the provider never published. */
    private static String selfSigned(String issuer) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("attacker").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("op-x").audience(StaffIdentityProvider.AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("realm_access", Map.of("roles", List.of("operator"))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
