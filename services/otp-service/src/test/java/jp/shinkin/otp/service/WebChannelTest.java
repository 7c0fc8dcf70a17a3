package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.testkit.StaffIdentityProvider;
import org.junit.jupiter.api.Test;

/**
 * The web channel's server side and pages, over HTTP: only the customer flows are relayed, only
 * JSON from this site's own pages, the session only in an HttpOnly cookie, nothing loaded from
 * elsewhere, hardening headers on every answer.
 */
class WebChannelTest extends OneInstanceTest {
    private static final String JSON = "application/json";
    private static final List<String> PAGES = List.of("/", "/console/index.html", "/assets/ui.js", "/assets/bank.js",
            "/assets/console.js", "/assets/keyboard.js", "/assets/messages.js", "/assets/style.css");

    private String origin() {
        return service.uri().toString().replaceAll("/$", "");
    }

    private HttpResponse<String> web(String method, String path, String body, String header, String value) throws Exception {
        return service.http().send(method, path, null, JSON, body, header, value);
    }

    @Test
    void pagesAreServedFromThePlatformAloneWithHardeningHeaders() throws Exception {
        for (String page : PAGES) {
            HttpResponse<String> r = service.http().get(page, null);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page + " loads nothing from elsewhere").doesNotContain("http://", "https://");
            // Calls go to the platform, and (the console's sign-in) to the staff identity provider's origin only.
            String idp = URI.create(StaffIdentityProvider.shared().issuer()).resolve("/").toString()
                    .replaceAll("/$", "");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(page).hasValue(
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' " + idp + "; "
                            + "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(service.http().get("/", null).body()).contains("<html lang=\"ja\">");
        HttpResponse<String> console = service.http().get("/console", null);
        assertThat(console.statusCode()).isEqualTo(303);
        assertThat(console.headers().firstValue("Location")).hasValue("/console/index.html");
    }

    @Override
    Map<String, Object> properties(TestPlatform platform) {
        Map<String, Object> p = platform.instance();
        p.put("otp.bank.name-ja", "テスト信用金庫");
        p.put("otp.bank.lost-phone", "0120-111-222");
        return p;
    }

    @Test
    void thePagesLearnTheBanksNameAndDesksFromItsConfiguration() throws Exception {
        HttpResponse<String> r = service.http().get("/web/bank", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"bankName\":\"テスト信用金庫\"", "\"lostPhone\":\"0120-111-222\"",
                "\"deskHours\":\"平日 9:00〜17:00\"", "\"lostHours\":\"24 hours, every day\"");
    }

    @Test
    void theConsoleLearnsWhereOperatorsSignInAndNoSecret() throws Exception {
        HttpResponse<String> r = service.http().get("/console/sign-in", null);
        assertThat(r.statusCode()).isEqualTo(200);
        String issuer = StaffIdentityProvider.shared().issuer();
        assertThat(r.body()).contains("\"issuer\":\"" + issuer + "\"", "\"clientId\":\"otp-console\"",
                "\"authorizationEndpoint\":\"" + issuer + "/authorize\"", "\"tokenEndpoint\":\"" + issuer + "/token\"");
        assertThat(r.body()).doesNotContain("secret");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void onlyTheCustomerFlowsAreRelayed() throws Exception {
        for (String path : List.of("/web/api/ops/contracts", "/web/api/tokens", "/web/api/verifications",
                "/web/api/ops/contracts/X/token-reset", "/web/api/sessions/../ops/alerts")) {
            HttpResponse<String> r = web("POST", path, "{}", "Origin", origin());
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("\"code\":\"E4040\"");
        }
        HttpResponse<String> put = web("PUT", "/web/api/sessions", "{}", "Origin", origin());
        assertThat(put.statusCode()).isEqualTo(404);
    }

    @Test
    void onlyJsonFromThisSitesOwnPages() throws Exception {
        HttpResponse<String> form = service.http().send("POST", "/web/api/sessions", null, "application/x-www-form-urlencoded",
                "contractId=A&password=b", "Origin", origin());
        assertThat(form.statusCode()).isEqualTo(415);
        // (Micronaut's own CORS handling already refuses a foreign Origin; SameOrigin is the second line.)
        HttpResponse<String> elsewhere = web("POST", "/web/api/sessions", "{}", "Origin", "https://evil.example");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = web("POST", "/web/api/sessions", "{}", "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("\"code\":\"E4030\"");
        HttpResponse<String> notAnObject = web("POST", "/web/api/sessions", "[1,2]", "Origin", origin());
        assertThat(notAnObject.statusCode()).isEqualTo(400);
    }

    @Test
    void theSessionLivesOnlyInAnHttpOnlyCookie() throws Exception {
        assertThat(bank.open("WEB-COOKIE", "web-password-1").status()).isEqualTo(201);
        HttpResponse<String> login = web("POST", "/web/api/sessions", "{\"contractId\":\"WEB-COOKIE\",\"password\":\"web-password-1\"}",
                "Origin", origin());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"status\":\"AUTHENTICATED\"").doesNotContain("sessionId");
        assertThat(login.headers().firstValue("X-Session-Id")).isEmpty();
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("otp_session=").containsIgnoringCase("; HttpOnly").contains("SameSite=Strict", "Path=/web/api");
        String session = cookie.substring("otp_session=".length(), cookie.indexOf(';'));

        // With the cookie the session is taken (the request then fails on its missing code, not on the session) ...
        HttpResponse<String> withCookie = web("PUT", "/web/api/contracts/WEB-COOKIE/transfer-limit",
                "{\"dailyLimit\":\"100000\",\"currency\":\"JPY\"}", "Cookie", "otp_session=" + session);
        assertThat(withCookie.statusCode()).isEqualTo(400);
        assertThat(withCookie.body()).contains("\"field\":\"otp\"");
        // ... while a session a page script puts in the body is ignored.
        HttpResponse<String> inBody = web("PUT", "/web/api/contracts/WEB-COOKIE/transfer-limit",
                "{\"dailyLimit\":\"100000\",\"currency\":\"JPY\",\"sessionId\":\"" + session + "\"}", "Origin", origin());
        assertThat(inBody.body()).contains("\"code\":\"E1007\"");

        // The settings screens read the contract's own settings, with its own session only.
        HttpResponse<String> settings = web("GET", "/web/api/contracts/WEB-COOKIE/settings", "", "Cookie", "otp_session=" + session);
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("\"loginOtpRequired\":true", "\"tokenId\":null", "\"transferLimit\":null")
                .doesNotContain("Failures", "drift");
        assertThat(bank.open("WEB-OTHER", "web-password-2").status()).isEqualTo(201);
        HttpResponse<String> other = web("GET", "/web/api/contracts/WEB-OTHER/settings", "", "Cookie", "otp_session=" + session);
        assertThat(other.body()).contains("\"code\":\"E1007\"");
        HttpResponse<String> none = web("GET", "/web/api/contracts/WEB-COOKIE/settings", "", "Origin", origin());
        assertThat(none.body()).contains("\"code\":\"E1007\"");

        HttpResponse<String> logout = web("DELETE", "/web/api/session", "", "Origin", origin());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    }
}
