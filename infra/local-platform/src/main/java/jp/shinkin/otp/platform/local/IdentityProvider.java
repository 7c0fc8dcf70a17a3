package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The bank's staff identity provider for local use: a real Keycloak (its distribution fetched
 * from Maven Central by the build) in development mode as a child process, with the realm
 * {@code infra/identity/shinkin-staff-realm.json} imported (two operators, an approver, an
 * auditor; passwords for local use only). Its database lives under the data folder; the realm
 * file is imported when the realm does not exist yet.
 */
public final class IdentityProvider implements AutoCloseable {
    public static final String VERSION = readVersion();
    public static final String REALM = "shinkin-staff";

    private final Path realmFile;
    private final Path dataDir;
    private final int port;
    private final String consoleOrigin;
    private ChildProcess process;
    private long startedAt;

    /**
     * @param consoleOrigin where the operations console is served (its sign-in returns there), e.g. http://localhost:8080
     */
    public IdentityProvider(Path realmFile, Path dataDir, int port, String consoleOrigin) {
        this.realmFile = realmFile.toAbsolutePath();
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.consoleOrigin = consoleOrigin;
    }

    /** Starts the process and returns at once: {@link #awaitReady} waits for it (the platform starts meanwhile). */
    public IdentityProvider launch() throws IOException, InterruptedException {
        stopLeftover();
        Path home = installation();
        Files.createDirectories(dataDir);
        Path imports = home.resolve("data").resolve("import");
        Files.createDirectories(imports);
        Files.copy(realmFile, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--hostname=http://localhost:" + port,
                "--import-realm", "--log-level=WARN,org.keycloak.services:INFO,org.keycloak.exportimport:INFO",
                "--db-url=jdbc:h2:file:" + dataDir.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE"));
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // kc.sh's defaults plus a small heap, C1 only and the serial collector: on two cores a
        // local start is CPU-bound, and peak throughput does not matter for a handful of sign-ins.
        env.put("JAVA_OPTS", String.join(" ", "-Xms64m", "-Xmx384m", "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
                "-Djava.security.egd=file:/dev/urandom", "-Djdk.tls.rejectClientInitiatedRenegotiation=true"));
        // The realm file names the console's address through this placeholder (redirect URI, web origin).
        env.put("OTP_CONSOLE_ORIGIN", consoleOrigin);
        // Keycloak's own administrator, for local use only (the admin console at /admin).
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-local-only");
        startedAt = System.nanoTime();
        process = ChildProcess.start("identity", command, env, home, dataDir.resolve("keycloak.log"));
        return this;
    }

    /**
     * A Keycloak on this data folder's database left behind by a launcher killed with SIGKILL
     * would hold the port and the database: stop it. Only a process naming this database is touched.
     */
    public void stopLeftover() throws InterruptedException {
        String database = dataDir.resolve("keycloakdb").toString();
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().commandLine().map(c -> c.contains(database + ";")).orElse(false)) {
                p.destroy();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Waits until the realm's discovery document is served; false if the process died or time ran out. */
    public boolean awaitReady(Duration deadline) throws InterruptedException {
        return HttpProbe.awaitReady(URI.create(issuer() + "/.well-known/openid-configuration"), r -> r.statusCode() == 200,
                deadline, process);
    }

    /** Seconds from launch to ready (after {@link #awaitReady}). */
    public double secondsSinceLaunch() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    public String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
            process = null;
        }
    }

    /**
     * The unpacked distribution, shared by every platform on this machine: {@code OTP_KEYCLOAK_HOME}
     * if set, else unpacked once from the archive in the local Maven repository into a cache folder.
     * Keycloak's first start there also builds it (a minute); later starts reuse that build.
     */
    static Path installation() throws IOException, InterruptedException {
        String override = System.getenv("OTP_KEYCLOAK_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "otp-platform", "keycloak-" + VERSION);
        if (Files.isRegularFile(cache.resolve("bin").resolve("kc.sh"))) {
            return cache;
        }
        Path archive = archive();
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the Keycloak archive is missing (" + archive + "); build once with: mvn -DskipTests package");
        }
        Files.createDirectories(cache.getParent());
        Path staging = Files.createTempDirectory(cache.getParent(), "unpack");
        Process unzip = new ProcessBuilder("unzip", "-q", archive.toString(), "-d", staging.toString())
                .redirectErrorStream(true).start();
        unzip.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!unzip.waitFor(300, TimeUnit.SECONDS) || unzip.exitValue() != 0) {
            throw new IllegalStateException("could not unpack " + archive + " (is unzip installed?)");
        }
        try {
            Files.move(staging.resolve("keycloak-" + VERSION), cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another process unpacked it first: use theirs.
            if (!Files.isDirectory(cache)) {
                throw e;
            }
        } finally {
            deleteTree(staging);
        }
        return cache;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Path archive() {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank() ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return root.resolve(Path.of("org", "keycloak", "keycloak-quarkus-dist", VERSION,
                "keycloak-quarkus-dist-" + VERSION + ".zip"));
    }

    private static String readVersion() {
        try (InputStream in = IdentityProvider.class.getResourceAsStream("/local-platform.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("keycloak.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
