package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry (its Quarkus runner jar, fetched from Maven Central by the build) as a
 * child process, storing its schemas in an H2 file database under the data folder.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    public static final String VERSION = readVersion();

    private final Path dataDir;
    private final int port;
    private ChildProcess process;

    public SchemaRegistryServer(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
    }

    public SchemaRegistryServer start() throws IOException, InterruptedException {
        Path home = installation();
        Files.createDirectories(dataDir);
        List<String> command = List.of(ChildProcess.javaExecutable(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.apicurio\".level=WARN",
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=h2",
                // WRITE_DELAY=0: a schema is on disk when its registration is answered. H2's default (500 ms)
                // lost the schemas registered just before a kill -9 while records using them were
                // already committed: unreadable events for ever (seen in PowerCutIT).
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "-Dapicurio.datasource.username=sa",
                "-Dapicurio.datasource.password=sa",
                "-jar", home.resolve("apicurio-registry-app-" + VERSION + "-runner.jar").toString());
        process = ChildProcess.start("schema-registry", command, Map.of(), home, dataDir.resolve("registry.log"));
        if (!HttpProbe.awaitReady(URI.create(baseUrl() + "/health/ready"), r -> r.statusCode() == 200,
                Duration.ofSeconds(90), process)) {
            close();
            throw new IllegalStateException("schema registry did not become ready; see " + process.log());
        }
        return this;
    }

    /** The registry's process ID (operations and fault tests). */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The Confluent-compatible API that existing analytics stacks use. */
    public String confluentCompatibleUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(6));
            process = null;
        }
    }

    /**
     * The unpacked registry: {@code OTP_REGISTRY_HOME} if set, else unpacked once from the archive
     * in the local Maven repository into a cache folder.
     */
    static Path installation() throws IOException, InterruptedException {
        String override = System.getenv("OTP_REGISTRY_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "otp-platform", "apicurio-registry-" + VERSION);
        if (Files.isRegularFile(cache.resolve("apicurio-registry-app-" + VERSION + "-runner.jar"))) {
            return cache;
        }
        Path archive = archive();
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the Apicurio Registry archive is missing (" + archive
                    + "); build once with: mvn -DskipTests package");
        }
        Path staging = Files.createTempDirectory(cache.getParent() == null ? Path.of("/tmp") : createParent(cache), "unpack");
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", staging.toString())
                .redirectErrorStream(true).start();
        tar.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new IllegalStateException("could not unpack " + archive);
        }
        try {
            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another process unpacked it first: use theirs.
            if (!Files.isDirectory(cache)) {
                throw e;
            }
        }
        return cache;
    }

    private static Path createParent(Path cache) throws IOException {
        return Files.createDirectories(cache.getParent());
    }

    static Path archive() {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank() ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return root.resolve(Path.of("io", "apicurio", "apicurio-registry-app", VERSION,
                "apicurio-registry-app-" + VERSION + "-all.tar.gz"));
    }

    private static String readVersion() {
        try (InputStream in = SchemaRegistryServer.class.getResourceAsStream("/local-platform.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("apicurio.registry.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
