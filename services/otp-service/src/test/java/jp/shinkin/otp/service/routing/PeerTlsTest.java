package jp.shinkin.otp.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import jp.shinkin.otp.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which client certificates count as a cluster peer's, with real stores made by the JDK's keytool. */
class PeerTlsTest {
    private static TestCertificates pki;
    private static Path peerStore;
    private static X509Certificate peer;
    private static X509Certificate foreignCa;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestCertificates.create();
        peerStore = pki.signed("peer");
        peer = certificate(peerStore, "peer", pki.password());
        // Another test CA: same name (CN=otp-test-ca) as the cluster's, different key.
        TestCertificates foreign = TestCertificates.create();
        foreignCa = certificate(foreign.trustStore(), "ca", foreign.password());
    }

    static X509Certificate certificate(Path store, String alias, String password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        return (X509Certificate) keys.getCertificate(alias);
    }

    private static PeerTls configured(String keyStore, String keyStorePassword) {
        return new PeerTls(keyStore, keyStorePassword, pki.trustStore().toString(), pki.password(), false, "");
    }

    @Test
    void withoutTlsSettingsForwardingUsesTheJvmDefaultsAndNobodyIsAPeer() {
        PeerTls none = new PeerTls("", "", "", "", false, "");
        assertThat(none.context()).isEmpty();
        assertThat(none.requirePeerCertificate()).isFalse();
        assertThat(none.isClusterPeer(peer)).isFalse();
    }

    @Test
    void aCertificateIssuedByTheClusterCaIsAPeer() {
        PeerTls tls = configured(peerStore.toString(), pki.password());
        assertThat(tls.context()).isPresent();
        assertThat(tls.isClusterPeer(peer)).isTrue();
        assertThat(configured("file:" + peerStore, pki.password()).isClusterPeer(peer)).as("a file: URL").isTrue();
    }

    @Test
    void aCaWithTheClusterCasNameButAnotherKeyIsNoPeer() {
        assertThat(foreignCa.getIssuerX500Principal()).isEqualTo(peer.getIssuerX500Principal());
        assertThat(configured(peerStore.toString(), pki.password()).isClusterPeer(foreignCa)).isFalse();
    }

    @Test
    void requiringPeerCertificatesWithoutStoresOrClientAuthenticationDoesNotStart() {
        assertThatThrownBy(() -> new PeerTls("", "", "", "", true, "want"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("require-peer-certificate needs");
        String trust = pki.trustStore().toString();
        assertThatThrownBy(() -> new PeerTls(peerStore.toString(), pki.password(), trust, pki.password(), true, ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client-authentication");
    }

    @Test
    void aStoreThatCannotBeReadDoesNotStart() {
        assertThatThrownBy(() -> configured(peerStore.resolveSibling("missing.p12").toString(), pki.password()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("otp.cluster.tls.key-store");
        assertThatThrownBy(() -> configured(peerStore.toString(), "not-the-password"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("otp.cluster.tls.key-store");
    }
}
