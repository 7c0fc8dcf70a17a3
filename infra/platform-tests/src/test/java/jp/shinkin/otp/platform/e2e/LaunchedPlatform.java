package jp.shinkin.otp.platform.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.shinkin.otp.platform.local.Ports;

/** The launcher jar run as a person runs it: its own process, its console read line by line. */
final class LaunchedPlatform implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("otp.home", "../..")).toAbsolutePath().normalize();

    final int httpPort;
    final int kafkaPort;
    final int controllerPort;
    final int registryPort;
    /** The staff identity provider's port, or 0 when the platform runs without one (--identity=off). */
    final int identityPort;
    final List<String> stdout = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();
    final int smtpPort;
    final int imapPort;
    final int brokers;
    private final Process process;
    private final List<Thread> pumps = new ArrayList<>();

    /** Without the identity provider: the fault and journey tests need no operator sign-in, and Keycloak costs ~15 s and 0.5 GB. */
    LaunchedPlatform(Path dataDir) throws IOException {
        this(dataDir, Ports.distinctFree(7), false, 1);
    }

    /** The whole platform as the README's command starts it, Keycloak included. */
    static LaunchedPlatform withIdentity(Path dataDir) throws IOException {
        return new LaunchedPlatform(dataDir, Ports.distinctFree(7), true, 1);
    }

    /** With {@code --brokers=3}: node N's ports are the Kafka and controller ports + 2(N-1). */
    static LaunchedPlatform withThreeBrokers(Path dataDir, Duration restartDelay) throws IOException {
        int[] ports = Ports.distinctFree(7);
        int kafka = Ports.freeRun(6);
        ports[1] = kafka;
        ports[2] = kafka + 1;
        // The clients hammer 24 contracts: per-contract rate limits would refuse most of it (429) and
        // hide how long a contract waits for a decision.
        return new LaunchedPlatform(dataDir, ports, false, 3, List.of("--broker-restart-delay=" + restartDelay.toSeconds()),
                Map.of("OTP_RATE_LIMIT_CONTRACT_CAPACITY", "1000000", "OTP_RATE_LIMIT_CONTRACT_PER_SECOND", "1000000"));
    }

    /** {@code ports}: HTTP, Kafka, controller, registry, identity, SMTP, IMAP. */
    private LaunchedPlatform(Path dataDir, int[] ports, boolean identity, int brokers) throws IOException {
        this(dataDir, ports, identity, brokers, List.of(), Map.of());
    }

    private LaunchedPlatform(Path dataDir, int[] ports, boolean identity, int brokers, List<String> more,
                             Map<String, String> environment) throws IOException {
        this.httpPort = ports[0];
        this.kafkaPort = ports[1];
        this.controllerPort = ports[2];
        this.registryPort = ports[3];
        this.identityPort = identity ? ports[4] : 0;
        this.smtpPort = ports[5];
        this.imapPort = ports[6];
        this.brokers = brokers;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local", ""),
                "-jar", HOME.resolve("infra/local-platform/target/local-platform.jar").toString(),
                "--home=" + HOME, "--data-dir=" + dataDir,
                "--http-port=" + httpPort,
                "--kafka-port=" + kafkaPort, "--kafka-controller-port=" + controllerPort,
                "--registry-port=" + registryPort, "--smtp-port=" + smtpPort, "--imap-port=" + imapPort,
                "--brokers=" + brokers));
        command.addAll(identityPort == 0 ? List.of("--identity=off") : List.of("--identity-port=" + identityPort));
        command.addAll(more);
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("OTP_"));
        builder.environment().putAll(environment);
        process = builder.start();
        pumps.add(pump(process.getInputStream(), stdout));
        pumps.add(pump(process.getErrorStream(), stderr));
    }

    static LaunchedPlatform withHttpPort(Path dataDir, int httpPort) throws IOException {
        int[] ports = Ports.distinctFree(7);
        ports[0] = httpPort;
        return new LaunchedPlatform(dataDir, ports, false, 1);
    }

    /** The same command again on the same data and ports, as a person re-running the README's command does. */
    static LaunchedPlatform again(Path dataDir, LaunchedPlatform before) throws IOException {
        return new LaunchedPlatform(dataDir, new int[] {before.httpPort, before.kafkaPort, before.controllerPort,
            before.registryPort, before.identityPort, before.smtpPort, before.imapPort}, before.identityPort != 0, before.brokers);
    }

    private static Thread pump(InputStream in, List<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until everything the process printed has been read. */
    void drained() throws InterruptedException {
        for (Thread t : pumps) {
            t.join(5_000);
        }
    }

    boolean ready() {
        return stdout.stream().anyMatch(l -> l.startsWith("ready"));
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    String bootstrapServers() {
        return IntStream.range(0, brokers).mapToObj(n -> "localhost:" + (kafkaPort + 2 * n))
                .collect(Collectors.joining(","));
    }

    String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    /** SIGTERM, and how long until the process was gone. */
    Duration terminate() throws InterruptedException {
        long t0 = System.nanoTime();
        // Through the handle: Process.destroy() would also close our end of its output pipes.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        drained();
        return took;
    }

    /** A power cut: SIGKILL to the launcher and every process it started (service, registry), nothing flushed. */
    void killMinusNine() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().join();
        }
        drained();
    }

    String console() {
        return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }
}
