package jp.shinkin.otp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real (if light) OpenID Connect provider for the tests: navikt's mock-oauth2-server, with
 * discovery, a JWKS endpoint and a token endpoint over HTTP, one signing key per issuer. Tokens
 * are fetched from its token endpoint, so the service checks them exactly as it checks the bank's
 * provider's. One provider per JVM; every test names its own people.
 */
public final class StaffIdentityProvider {
    /** The issuer the services trust; tokens of any other issuer of this server are foreign to them. */
    public static final String STAFF = "shinkin-staff";
    public static final String AUDIENCE = "otp-operations";
    /** The application the tokens are issued to (their azp), as the console's at the bank's provider. */
    public static final String CONSOLE = "otp-console";

    private static StaffIdentityProvider shared;

    private final MockOAuth2Server server = new MockOAuth2Server();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StaffIdentityProvider() {
        server.start();
    }

    public static synchronized StaffIdentityProvider shared() {
        if (shared == null) {
            shared = new StaffIdentityProvider();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.server::shutdown, "staff-idp-stop"));
        }
        return shared;
    }

    /** The issuer URL the services are configured with (its discovery document lives below it). */
    public String issuer() {
        return issuer(STAFF);
    }

    public String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString().replaceAll("/+$", "");
    }

    /** An access token for a member of staff with these roles (operator, approver, auditor). */
    public String token(String subject, String name, String... roles) {
        return token(STAFF, subject, name, AUDIENCE, 300, roles);
    }

    /** Any token this provider can issue: another issuer, audience or lifetime (negative: already expired). */
    public String token(String issuerId, String subject, String name, String audience, long lifetimeSeconds,
                        String... roles) {
        return token(issuerId, CONSOLE, subject, name, audience, lifetimeSeconds, roles);
    }

    /** A token the provider issued to another application (client) than the console. */
    public synchronized String token(String issuerId, String client, String subject, String name, String audience,
                                     long lifetimeSeconds, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", name);
        claims.put("preferred_username", subject);
        claims.put("realm_access", Map.of("roles", Arrays.asList(roles)));
        claims.put("azp", client);
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(audience), claims,
                lifetimeSeconds));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.tokenEndpointUrl(issuerId).toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                // With client credentials the provider names the client as the subject.
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                        + "&client_secret=tests&scope=openid"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the provider refused a token: " + response.statusCode() + " " + response.body());
            }
            Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("no access_token in " + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
