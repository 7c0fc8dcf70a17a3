package jp.shinkin.otp.service;

import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.domain.otp.Base32;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import org.assertj.core.api.Assertions;

/**
 * The banking channel and bank operations as a test drives them: every flow of DESIGN.md §4 as a
 * method, answers parsed from JSON. Codes are computed from provisioned secrets at the test's clock.
 */
final class Banking {
    private final HttpCalls http;
    private final JsonMapper json;
    private final TestPlatform slice;

    Banking(ServiceInstance service, TestPlatform slice) {
        this.http = service.http();
        this.json = service.context.getBean(JsonMapper.class);
        this.slice = slice;
    }

    HttpCalls http() {
        return http;
    }

    /** A soft token as the app holds it after provisioning. */
    record Token(String tokenId, byte[] seed) {
    }

    record Answer(int status, Map<String, Object> body, HttpResponse<String> raw) {
        String get(String member) {
            Object v = body.get(member);
            return v == null ? null : v.toString();
        }

        String code() {
            return get("code");
        }

        /** The renewed session a session-bound answer hands back; the one shown before is over. */
        String renewedSession() {
            return raw.headers().firstValue("X-Session-Id")
                    .orElseThrow(() -> new AssertionError("no renewed session in " + raw.statusCode() + " " + raw.body()));
        }

        /** The session to use next: the renewed one if this answer hands one back, else the one shown (still the latest). */
        String nextSession(String shown) {
            return raw.headers().firstValue("X-Session-Id").orElse(shown);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String member) {
            return (List<Map<String, Object>>) body.get(member);
        }
    }

    Token provision(String platform) throws Exception {
        Answer a = call("POST", "/v1/tokens", HttpCalls.CHANNEL_KEY, Map.of("platform", platform), null);
        if (a.status() != 201) {
            throw new AssertionError("provisioning failed: " + a.raw().body());
        }
        return new Token(a.get("tokenId"), Base32.decode(a.get("secret")));
    }

    String code(Token token) {
        return Totp.codeAt(token.seed(), slice.clock.instant(), TotpParameters.DEFAULT);
    }

    Answer open(String contractId, String password) throws Exception {
        return call("POST", "/v1/ops/contracts", HttpCalls.OPERATIONS_KEY,
                Map.of("contractId", contractId, "password", password), null);
    }

    Answer login(String contractId, String password) throws Exception {
        return call("POST", "/v1/sessions", HttpCalls.CHANNEL_KEY, Map.of("contractId", contractId, "password", password), null);
    }

    Answer answerChallenge(String challengeId, String otp) throws Exception {
        return call("POST", "/v1/sessions/challenges/" + challengeId, HttpCalls.CHANNEL_KEY, Map.of("otp", otp), null);
    }

    /** Login with the code when one is asked for; the session ID. */
    String session(String contractId, String password, Token token) throws Exception {
        Answer login = login(contractId, password);
        if ("OTP_REQUIRED".equals(login.get("status"))) {
            login = answerChallenge(login.get("challengeId"), code(token));
        }
        if (!"AUTHENTICATED".equals(login.get("status"))) {
            throw new AssertionError("login failed: " + login.raw().body());
        }
        return login.get("sessionId");
    }

    Answer startRegistration(String contractId, String password) throws Exception {
        return call("POST", "/v1/otp/registrations", HttpCalls.CHANNEL_KEY, Map.of("contractId", contractId, "password", password),
                null);
    }

    Answer confirmCurrentToken(String registrationId, String otp) throws Exception {
        return call("POST", "/v1/otp/registrations/" + registrationId + "/current-token", HttpCalls.CHANNEL_KEY,
                Map.of("otp", otp), null);
    }

    Answer completeRegistration(String registrationId, String tokenId, String otp) throws Exception {
        return call("POST", "/v1/otp/registrations/" + registrationId + "/complete", HttpCalls.CHANNEL_KEY,
                Map.of("tokenId", tokenId, "otp", otp), null);
    }

    /** First registration of a token: both screens; the answer of the last. */
    Answer register(String contractId, String password, Token token) throws Exception {
        Answer start = startRegistration(contractId, password);
        if (start.status() != 200) {
            return start;
        }
        return completeRegistration(start.get("registrationId"), token.tokenId(), code(token));
    }

    /**
     * A new contract with a new mobile token registered (00001), the test clock then a step on, so
     * the token's next code is a fresh one.
     */
    Token registered(String contractId, String password) throws Exception {
        Assertions.assertThat(open(contractId, password).status()).isEqualTo(201);
        Token token = provision("mobile");
        Assertions.assertThat(register(contractId, password, token).code()).isEqualTo("00001");
        slice.clock.advance(Duration.ofSeconds(30));
        return token;
    }

    Answer startStop(String contractId, String password) throws Exception {
        return call("POST", "/v1/otp/stops", HttpCalls.CHANNEL_KEY, Map.of("contractId", contractId, "password", password), null);
    }

    Answer completeStop(String stopId, String otp) throws Exception {
        return call("POST", "/v1/otp/stops/" + stopId + "/complete", HttpCalls.CHANNEL_KEY, Map.of("otp", otp), null);
    }

    Answer loginOtp(String contractId, String session, boolean required, String otp) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("required", required);
        if (otp != null) {
            body.put("otp", otp);
        }
        return call("PUT", "/v1/contracts/" + contractId + "/login-otp", HttpCalls.CHANNEL_KEY, body, session);
    }

    Answer transfer(String session, String from, String to, String amount, String otp) throws Exception {
        return call("POST", "/v1/transfers/authorizations", HttpCalls.CHANNEL_KEY, Map.of("fromAccount", from, "toAccount", to,
                "amount", amount, "currency", "JPY", "otp", otp), session);
    }

    Answer transferLimit(String contractId, String session, String limit, String otp) throws Exception {
        return call("PUT", "/v1/contracts/" + contractId + "/transfer-limit", HttpCalls.CHANNEL_KEY,
                Map.of("dailyLimit", limit, "currency", "JPY", "otp", otp), session);
    }

    /**
     * An operations action as the bank does it: a suspension at once; a reset or an unlock asked
     * for by the tests' operator and approved by the tests' approver (the approval's answer, or the
     * request's refusal).
     */
    Answer ops(String action, String contractId, Map<String, Object> body) throws Exception {
        Answer asked = call("POST", "/v1/ops/contracts/" + contractId + "/" + action, HttpCalls.operatorToken(), body, null);
        if (asked.status() != 202) {
            return asked;
        }
        return decide(contractId, asked.get("requestId"), "approve", HttpCalls.approverToken());
    }

    /** The checker's answer to a waiting request. */
    Answer decide(String contractId, String requestId, String decision, String token) throws Exception {
        return call("POST", "/v1/ops/contracts/" + contractId + "/approvals/" + requestId, token,
                Map.of("decision", decision, "reason", "checked by the tests"), null);
    }

    Answer state(String contractId) throws Exception {
        return parse(http.get("/v1/ops/contracts/" + contractId, HttpCalls.OPERATIONS_KEY));
    }

    Answer events(String contractId) throws Exception {
        return parse(http.get("/v1/ops/contracts/" + contractId + "/events", HttpCalls.OPERATIONS_KEY));
    }

    Answer verify(String contractId, String otp, String purpose) throws Exception {
        return call("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY,
                Map.of("contractId", contractId, "otp", otp, "purpose", purpose), null);
    }

    Answer call(String method, String path, String apiKey, Object body, String session) throws Exception {
        String text = body instanceof String s ? s : new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
        HttpResponse<String> response = session == null
                ? http.send(method, path, apiKey, "application/json", text)
                : http.send(method, path, apiKey, "application/json", text, "X-Session-Id", session);
        return parse(response);
    }

    @SuppressWarnings("unchecked")
    Answer parse(HttpResponse<String> response) throws Exception {
        Map<String, Object> body = response.body().isEmpty() ? Map.of() : json.readValue(response.body(), Map.class);
        return new Answer(response.statusCode(), body, response);
    }
}
