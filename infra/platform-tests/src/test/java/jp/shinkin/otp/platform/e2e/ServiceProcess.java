package jp.shinkin.otp.platform.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One otp-service instance as its own JVM process (the shaded jar), for fault tests that kill it. */
final class ServiceProcess implements AutoCloseable {
    final int port;
    final Path log;
    private final Process process;

    ServiceProcess(int port, Path stateDir, Path log, String bootstrap, String registry) throws IOException {
        this(port, stateDir, log, bootstrap, registry, Map.of());
    }

    /** With {@code settings} added to the environment (e.g. a longer commit interval). */
    ServiceProcess(int port, Path stateDir, Path log, String bootstrap, String registry, Map<String, String> settings)
            throws IOException {
        this.port = port;
        this.log = log;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                LaunchedPlatform.HOME.resolve("services/otp-service/target/otp-service.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("OTP_") || k.startsWith("MICRONAUT_"));
        builder.environment().putAll(Map.of(
                "MICRONAUT_ENVIRONMENTS", "dev",
                "MICRONAUT_SERVER_PORT", Integer.toString(port),
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "OTP_REGISTRY_URL", registry,
                "OTP_STATE_DIR", stateDir.toString(),
                "OTP_ADVERTISED_URL", "http://localhost:" + port,
                "OTP_STANDBY_REPLICAS", "1",
                "OTP_STREAM_THREADS", "1",
                "OTP_PARENT_PID", Long.toString(ProcessHandle.current().pid())));
        builder.environment().put("OTP_RATE_LIMIT_CONTRACT_CAPACITY", "1000000");
        builder.environment().put("OTP_RATE_LIMIT_CONTRACT_PER_SECOND", "1000000");
        builder.environment().putAll(settings);
        this.process = builder.start();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no leaving the group, no flush. */
    void kill9() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
            }
        }
    }
}
