package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.testkit.PlatformTest;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * HTTPS is configuration only (SECURITY.md): a key store and {@code micronaut.server.ssl.*}. The
 * API then answers over TLS, instances forward to each other over https, and a client that does
 * not trust the certificate gets no answer at all.
 */
@PlatformTest
class HttpsTest {
    @Test
    void theApiIsServedOverTlsWhenConfigured() throws Exception {
        Path dir = Files.createTempDirectory("otp-tls");
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "otp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "test-store-pass").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instance();
            int port = Ports.anyFree();
            properties.put("micronaut.server.ssl.enabled", true);
            properties.put("micronaut.server.ssl.port", port);
            properties.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
            properties.put("micronaut.server.ssl.key-store.password", "test-store-pass");
            properties.put("micronaut.server.ssl.key-store.type", "PKCS12");
            properties.put("otp.credentials.advertised-url", "https://localhost:" + port);
            try (ServiceInstance service = new ServiceInstance(properties, slice.clock)) {
                HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();
                URI base = URI.create("https://localhost:" + port);
                Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                        trusting.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                HttpResponse<String> verification = trusting.send(HttpRequest.newBuilder(base.resolve("/v1/verifications"))
                        .header("Authorization", "Bearer " + HttpCalls.CHANNEL_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"contractId\":\"TLS-1\",\"otp\":\"123456\",\"purpose\":\"LOGIN\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(verification.body()).isEqualTo("{\"result\":\"REJECTED\",\"code\":\"E1004\"}");
                Assertions.assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                                HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString()))
                        .hasMessageContaining("PKIX path building failed")
                        .isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, "test-store-pass".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
