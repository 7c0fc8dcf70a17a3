package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bank's staff identity provider for local use: a real Keycloak (its distribution fetched
 * from Maven Central by the build) in development mode as a child process, with the realm
 * {@code infra/identity/shinkin-staff-realm.json} imported (two operators, an approver, an
 * auditor; passwords for local use only). Its database lives under the data folder; the realm
 * file is imported when the realm does not exist yet.
 */
public final class IdentityProvider implements AutoCloseable {
    public static final String VERSION = Distribution.version("keycloak.version");
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

    /**
     * Starts the process and returns at once: {@link #awaitReady} waits for it (the platform starts
     * meanwhile). A launcher on a kept data folder calls {@link #stopLeftover} first, before it checks its ports.
     */
    public IdentityProvider launch() throws IOException, InterruptedException {
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
                } catch (TimeoutException | ExecutionException e) {
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
        return Distribution.installation("OTP_KEYCLOAK_HOME", "keycloak-" + VERSION, "bin/kc.sh", archive(),
                List.of("unzip", "-q", archive().toString(), "-d"), "keycloak-" + VERSION, "Keycloak");
    }

    static Path archive() {
        return Distribution.inLocalRepository(Path.of("org", "keycloak", "keycloak-quarkus-dist", VERSION,
                "keycloak-quarkus-dist-" + VERSION + ".zip"));
    }
}
