package jp.shinkin.otp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority and PKCS12 key stores it signs (CN=localhost, SAN localhost and
 * 127.0.0.1, two days), made with the JDK's keytool: a broker's or an instance's identity for the
 * TLS tests, and {@link #trustStore()} holding only the CA. {@link #stranger} is signed by nobody
 * the trust store knows.
 */
public final class TestCertificates {
    private final Path dir;
    private final String password;

    private TestCertificates(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    public static TestCertificates create() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("otp-test-pki");
        TestCertificates pki = new TestCertificates(dir, "test-pki-" + Long.toHexString(System.nanoTime()));
        pki.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=otp-test-ca",
                "-ext", "bc:c", "-validity", "2", "-keystore", pki.path("ca"));
        pki.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", pki.path("ca"), "-file", dir.resolve("ca.pem").toString());
        pki.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
                "-keystore", pki.path("trust"));
        return pki;
    }

    /** A key store for {@code name}, its certificate signed by the CA (chain included). */
    public Path signed(String name) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", path(name));
        Path csr = dir.resolve(name + ".csr");
        Path pem = dir.resolve(name + ".pem");
        keytool("-certreq", "-alias", name, "-keystore", path(name), "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", path("ca"), "-infile", csr.toString(), "-outfile", pem.toString(),
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth,clientAuth", "-validity", "2", "-rfc");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(), "-keystore", path(name));
        keytool("-importcert", "-alias", name, "-file", pem.toString(), "-keystore", path(name));
        return dir.resolve(name + ".p12");
    }

    /** A self-signed key store the trust store does not know. */
    public Path stranger(String name) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", path(name));
        return dir.resolve(name + ".p12");
    }

    public Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /** The password of every store made here. */
    public String password() {
        return password;
    }

    /** A client context trusting the CA, showing {@code keyStore} when asked (null: no client certificate). */
    public SSLContext clientContext(Path keyStore) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore()));
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), password.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private KeyStore load(Path path) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private String path(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // A short-lived JVM: no optimising compiler, a small collector (about a fifth faster, half the CPU).
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-XX:-UsePerfData"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
