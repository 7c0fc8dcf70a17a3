package jp.shinkin.otp.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.hosting.AdvertisedAddress;
import org.junit.jupiter.api.Test;

/**
 * What one instance sends to a contract's owner and what it relays back. The owner is played by
 * the JDK's own HTTP server on loopback.
 */
class OwnerForwardingTest {
    private static final String PATH = "/v1/contracts/C-0001/stop?lang=ja";

    private final ForwardedHeader cluster = new ForwardedHeader(randomKey());

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private OwnerForwarding advertisedAs(String url) {
        AdvertisedAddress address = new AdvertisedAddress();
        address.setAdvertisedUrl(url);
        return new OwnerForwarding(address, cluster, new PeerTls("", "", "", "", false, ""));
    }

    @Test
    void aRequestOnToTheOwnerUsesTheClustersSchemeAndCarriesAMarkTheOwnerAccepts() {
        OwnerForwarding forwarding = advertisedAs("https://otp-1.internal:8443");
        java.net.http.HttpRequest sent = forwarding.request("otp-2.internal:8443", "GET", PATH, "Bearer k-1", Duration.ofSeconds(3)).build();

        assertThat(sent.uri()).isEqualTo(URI.create("https://otp-2.internal:8443" + PATH));
        assertThat(sent.timeout()).hasValue(Duration.ofSeconds(3));
        assertThat(sent.headers().firstValue("Authorization")).hasValue("Bearer k-1");
        String mark = sent.headers().firstValue(ForwardedHeader.NAME).orElseThrow();
        MutableHttpRequest<Object> atTheOwner = HttpRequest.GET(PATH);
        atTheOwner.header(ForwardedHeader.NAME, mark);
        assertThat(forwarding.isForwarded(atTheOwner)).isTrue();

        assertThat(forwarding.request("otp-2.internal:8443", "GET", PATH, null, Duration.ofSeconds(3)).build()
                .headers().firstValue("Authorization")).as("no authorization given, none sent").isEmpty();
    }

    @Test
    void onlyTheCallersHeadersThatMatterAtTheOwnerGoAlong() {
        MutableHttpRequest<String> caller = HttpRequest.POST(PATH, "{}");
        caller.header("Authorization", "Bearer k-1")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "retry-7f3a")
                .header("X-Session-Id", "s1.abc")
                .header("Cookie", "tracking=1")
                .header("X-Forwarded-For", "203.0.113.9")
                .header(ForwardedHeader.NAME, "true");

        java.net.http.HttpRequest sent = advertisedAs("http://localhost:8080")
                .requestFrom(caller, "otp-2.internal:8080", "POST", PATH, Duration.ofSeconds(3)).build();

        assertThat(sent.headers().firstValue("Authorization")).hasValue("Bearer k-1");
        assertThat(sent.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(sent.headers().firstValue("Idempotency-Key")).hasValue("retry-7f3a");
        assertThat(sent.headers().firstValue("X-Session-Id")).hasValue("s1.abc");
        assertThat(sent.headers().firstValue("Cookie")).isEmpty();
        assertThat(sent.headers().firstValue("X-Forwarded-For")).isEmpty();
        assertThat(sent.headers().allValues(ForwardedHeader.NAME)).as("the caller's claim is replaced by the signed mark")
                .singleElement().asString().startsWith("v2.");
    }

    @Test
    void theOwnersAnswerIsRelayedWithOnlyTheHeadersThatMatter() throws Exception {
        String problem = "{\"type\":\"about:blank\",\"status\":401,\"code\":\"E4010\"}";
        HttpServer owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        owner.createContext("/", exchange -> {
            byte[] body = problem.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.getResponseHeaders().add("X-Internal-Node", "otp-2");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        owner.start();
        try {
            OwnerForwarding forwarding = advertisedAs("http://localhost:8080");
            String address = "127.0.0.1:" + owner.getAddress().getPort();
            MutableHttpResponse<?> relayed = forwarding.send(forwarding.request(address, "GET", PATH, null, Duration.ofSeconds(5)).build())
                    .get(10, TimeUnit.SECONDS);

            assertThat(relayed.code()).isEqualTo(401);
            assertThat(relayed.body()).isEqualTo(problem);
            assertThat(relayed.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
            assertThat(relayed.getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(relayed.getHeaders().get("Retry-After")).isEqualTo("7");
            assertThat(relayed.getHeaders().get("X-Internal-Node")).isNull();
        } finally {
            owner.stop(0);
        }
    }

    @Test
    void anOwnerThatDoesNotAnswerBecomesE5030WithRetryAfter() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OwnerForwarding forwarding = advertisedAs("http://localhost:8080");
        MutableHttpResponse<?> answer = forwarding.send(
                forwarding.request("127.0.0.1:" + closedPort, "GET", PATH, null, Duration.ofSeconds(5)).build()).get(10, TimeUnit.SECONDS);

        assertThat(answer.code()).isEqualTo(503);
        assertThat(answer.getHeaders().get("Retry-After")).isEqualTo("1");
        assertThat(answer.body()).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("E5030"));
    }
}
