package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Apicurio Registry (its Quarkus runner jar, fetched from Maven Central by the build) as a
 * child process, storing its schemas in an H2 file database under the data folder.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    public static final String VERSION = Distribution.version("apicurio.registry.version");

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
        return Distribution.installation("OTP_REGISTRY_HOME", "apicurio-registry-" + VERSION,
                "apicurio-registry-app-" + VERSION + "-runner.jar", archive(),
                List.of("tar", "-xzf", archive().toString(), "-C"), null, "Apicurio Registry");
    }

    static Path archive() {
        return Distribution.inLocalRepository(Path.of("io", "apicurio", "apicurio-registry-app", VERSION,
                "apicurio-registry-app-" + VERSION + "-all.tar.gz"));
    }
}
