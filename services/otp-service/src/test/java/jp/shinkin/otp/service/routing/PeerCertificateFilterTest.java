package jp.shinkin.otp.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.simple.SimpleHttpRequest;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the requirement on, a request carrying the forwarding header must show a cluster peer's certificate. */
class PeerCertificateFilterTest {
    private static PeerCertificateFilter required;
    private static X509Certificate peer;
    private static X509Certificate stranger;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates pki = TestCertificates.create();
        Path peerStore = pki.signed("peer");
        required = new PeerCertificateFilter(new PeerTls(peerStore.toString(), pki.password(),
                pki.trustStore().toString(), pki.password(), true, "want"));
        peer = PeerTlsTest.certificate(peerStore, "peer", pki.password());
        stranger = PeerTlsTest.certificate(pki.stranger("stranger"), "stranger", pki.password());
    }

    /** A request as the server would see it after the TLS handshake, {@code shown} being the client's certificate. */
    private static HttpRequest<?> request(boolean forwardingHeader, Certificate shown) {
        MutableHttpRequest<Object> request = new SimpleHttpRequest<Object>(HttpMethod.POST, "/v1/verifications", null) {
            @Override
            public Optional<Certificate> getCertificate() {
                return Optional.ofNullable(shown);
            }
        };
        if (forwardingHeader) {
            // Any value: the filter runs before the mark is checked, so even a forged one needs the certificate.
            request.header(ForwardedHeader.NAME, "v1.0.forged");
        }
        return request;
    }

    @Test
    void aForwardedRequestWithoutAPeersCertificateIs403E4030() {
        for (Certificate shown : new Certificate[] {null, stranger}) {
            MutableHttpResponse<?> refused = required.check(request(true, shown));
            assertThat(refused).as("certificate %s", shown == null ? "none" : "self-signed").isNotNull();
            assertThat(refused.code()).isEqualTo(403);
            assertThat(refused.body()).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("E4030"));
        }
    }

    @Test
    void aForwardedRequestShowingAPeersCertificatePasses() {
        assertThat(required.check(request(true, peer))).isNull();
    }

    @Test
    void customersAndChannelsNeedNoCertificate() {
        assertThat(required.check(request(false, null))).isNull();
    }

    @Test
    void withoutTheRequirementTheHeaderAloneIsLeftToTheMarkCheck() {
        PeerCertificateFilter notRequired = new PeerCertificateFilter(new PeerTls("", "", "", "", false, ""));
        assertThat(notRequired.check(request(true, null))).isNull();
    }
}
