package jp.shinkin.otp.service.routing;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS between instances ({@code otp.cluster.tls.*}): the key store an instance shows when it
 * forwards a request to a contract's owner, and the trust store (the cluster's CA) it checks the
 * owner against. Unset, forwarding uses the JVM's defaults (and is plain HTTP when the advertised
 * URL is). With {@code require-peer-certificate}, a forwarded request that came without a client
 * certificate the server trusts is refused ({@link PeerCertificateFilter}): the signed forwarding
 * header alone is then not enough.
 */
@Singleton
public class PeerTls {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private final Optional<SSLContext> context;
    private final boolean requirePeerCertificate;
    /** The cluster CA(s): a peer's certificate must be issued by one of them, not just trusted by the server. */
    private final List<X509Certificate> anchors = new ArrayList<>();

    public PeerTls(@Value("${otp.cluster.tls.key-store:}") String keyStore,
                   @Value("${otp.cluster.tls.key-store-password:}") String keyStorePassword,
                   @Value("${otp.cluster.tls.trust-store:}") String trustStore,
                   @Value("${otp.cluster.tls.trust-store-password:}") String trustStorePassword,
                   @Value("${otp.cluster.require-peer-certificate:false}") boolean requirePeerCertificate,
                   @Value("${micronaut.server.ssl.client-authentication:}") String clientAuthentication) {
        this.requirePeerCertificate = requirePeerCertificate;
        if (requirePeerCertificate && (keyStore.isBlank() || trustStore.isBlank() || clientAuthentication.isBlank())) {
            throw new IllegalStateException("otp.cluster.require-peer-certificate needs otp.cluster.tls.key-store, "
                    + "otp.cluster.tls.trust-store and micronaut.server.ssl.client-authentication (want)");
        }
        if (keyStore.isBlank() && trustStore.isBlank()) {
            this.context = Optional.empty();
            return;
        }
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            KeyManagerFactory keys = null;
            if (!keyStore.isBlank()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, keyStorePassword, "otp.cluster.tls.key-store"), keyStorePassword.toCharArray());
            }
            TrustManagerFactory trust = null;
            if (!trustStore.isBlank()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                KeyStore trusted = load(trustStore, trustStorePassword, "otp.cluster.tls.trust-store");
                trust.init(trusted);
                for (String alias : Collections.list(trusted.aliases())) {
                    if (trusted.getCertificate(alias) instanceof X509Certificate anchor) {
                        anchors.add(anchor);
                    }
                }
            }
            ssl.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            this.context = Optional.of(ssl);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("otp.cluster.tls: the key or trust store cannot be used (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore load(String path, String password, String property) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path.startsWith("file:") ? path.substring(5) : path))) {
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new IllegalStateException(property + ": cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }

    /** The TLS context forwarding uses, when configured. */
    public Optional<SSLContext> context() {
        return context;
    }

    public boolean requirePeerCertificate() {
        return requirePeerCertificate;
    }

    /**
     * Whether a client certificate is a cluster peer's: within its validity, issued (signed) by one
     * of the cluster CA certificates of {@code otp.cluster.tls.trust-store}, and, when it states its
     * uses, meant for client authentication. The server's trust store may hold more CAs than this.
     */
    public boolean isClusterPeer(Certificate certificate) {
        if (!(certificate instanceof X509Certificate cert)) {
            return false;
        }
        try {
            cert.checkValidity();
            List<String> uses = cert.getExtendedKeyUsage();
            if (uses != null && !uses.contains(CLIENT_AUTH)) {
                return false;
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        for (X509Certificate anchor : anchors) {
            try {
                if (cert.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
                    cert.verify(anchor.getPublicKey());
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // not this anchor's signature
            }
        }
        return false;
    }
}
