package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code infra/run}: starts a real KRaft broker (or, with {@code --brokers=3}, a three-node cluster), a real Apicurio Registry, the staff identity
 * provider (Keycloak, in parallel), the topics and the services, prints one line per component and then {@code ready}, and stays in the foreground
 * until SIGINT/SIGTERM, when it stops everything in reverse order.
 */
public final class PlatformLauncher {
    /** Environment variables passed through to the services when set. */
    private static final List<String> PASSED_THROUGH = List.of("OTP_CHANNEL_API_KEY", "OTP_OPERATIONS_API_KEY", "OTP_OPERATIONS_JOB",
            "OTP_KEK_ID", "OTP_KEK_BASE64", "OTP_TRANSPORT_KEY_BASE64", "OTP_SESSION_KEY_BASE64", "OTP_CLUSTER_KEY_BASE64", "OTP_STREAM_THREADS",
            "OTP_COMMIT_INTERVAL_MS", "OTP_COMMIT_EACH_DECISION", "OTP_POLL_MS", "OTP_COMMAND_LINGER_MS",
            "OTP_STREAMS_LINGER_MS", "OTP_FRAUD_ENABLED",
            "OTP_STANDBY_REPLICAS", "OTP_TOKEN_ISSUER", "OTP_RATE_LIMIT_KEY_CAPACITY", "OTP_RATE_LIMIT_KEY_PER_SECOND",
            "OTP_RATE_LIMIT_CONTRACT_CAPACITY", "OTP_RATE_LIMIT_CONTRACT_PER_SECOND");

    private final LauncherSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ChildProcess> services = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private KraftCluster cluster;
    private volatile boolean stopping;

    PlatformLauncher(LauncherSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        LauncherSettings settings;
        try {
            settings = LauncherSettings.from(args, System.getenv());
        } catch (LauncherSettings.UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.setProperty("otp.log.dir", settings.dataDir().resolve("logs").toString());
        PlatformLauncher launcher = new PlatformLauncher(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "platform-shutdown"));
        try {
            launcher.start();
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            launcher.stop();
            System.exit(1);
        } catch (Exception e) {
            System.err.println("error: could not start the platform: " + e + " (details in "
                    + settings.dataDir().resolve("logs") + ")");
            launcher.stop();
            System.exit(1);
        }
        launcher.watchServices();
    }

    void start() throws Exception {
        long t0 = System.nanoTime();
        if (settings.identity()) {
            identityProvider().stopLeftover();
        }
        checkPortsFree();
        List<ServiceSpec> specs = services();
        for (ServiceSpec spec : specs) {
            if (!Files.isRegularFile(spec.jar())) {
                throw new StartupException(spec.name() + " is not built (" + spec.jar() + "); run: mvn -DskipTests package");
            }
        }
        Files.createDirectories(settings.dataDir().resolve("logs"));

        // Keycloak takes longest: it starts first and is awaited last, so ready is barely later.
        IdentityProvider identity = null;
        if (settings.identity()) {
            identity = identityProvider();
            started.add(identity);
            identity.launch();
        }

        String bootstrap = startKafka();

        SchemaRegistryServer registry = new SchemaRegistryServer(settings.dataDir().resolve("registry"), settings.registryPort());
        started.add(registry);
        registry.start();
        line("registry", registry.baseUrl(), "Apicurio Registry " + SchemaRegistryServer.VERSION
                + ", Confluent-compatible API at /apis/ccompat/v7");

        DevMailServer mail = new DevMailServer(settings.smtpPort(), settings.imapPort());
        started.add(mail);
        mail.start();
        line("mail", "smtp://localhost:" + mail.smtpPort(), "GreenMail " + DevMailServer.VERSION
                + " (development mail server): read the notices at imap://localhost:" + mail.imapPort());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicProvisioner.ensure(admin, Topics.ALL, (short) settings.brokers());
        }
        StringBuilder topics = new StringBuilder();
        Topics.ALL.forEach(t -> topics.append(t.name()).append('(').append(t.spec().partitions()).append(") "));
        line("topics", topics.toString().trim(), "");

        for (ServiceSpec spec : specs) {
            ChildProcess process = ChildProcess.start(spec.name(), serviceCommand(spec),
                    serviceEnvironment(spec, bootstrap, registry, identity), settings.home(),
                    settings.dataDir().resolve("logs").resolve(spec.name() + ".log"));
            services.add(process);
            started.add(process);
            URI health = URI.create("http://localhost:" + spec.port() + spec.healthPath());
            long[] told = {0};
            boolean serving = HttpProbe.awaitServing(health, Duration.ofSeconds(90), process, (restored, total) -> {
                // A restore of a large store takes a while: say so every few seconds instead of looking hung.
                if (System.nanoTime() - told[0] > 5_000_000_000L) {
                    told[0] = System.nanoTime();
                    line(spec.name(), "restoring", String.format(Locale.ROOT, "its stores from the changelogs: %,d of %,d offsets",
                            restored, total));
                }
            });
            if (!serving) {
                throw new StartupException(spec.name() + " did not become healthy (nor made restore progress for 90 s); see "
                        + relative(process.log()));
            }
            line(spec.name(), "http://localhost:" + spec.port(), "pid " + process.pid() + ", log " + relative(process.log()));
        }
        if (identity != null) {
            if (!identity.awaitReady(Duration.ofSeconds(240))) {
                throw new StartupException("the identity provider did not become ready; see " + relative(identity.log()));
            }
            line("identity", identity.issuer(), String.format(Locale.ROOT, "Keycloak %s, ready %.1f s after its start, log %s",
                    IdentityProvider.VERSION, identity.secondsSinceLaunch(), relative(identity.log())));
        }
        System.out.printf(Locale.ROOT, "ready in %.1f s: http://localhost:%d (Ctrl-C stops)%n",
                (System.nanoTime() - t0) / 1e9, settings.httpPort());
        System.out.flush();
    }

    /** One broker in this JVM, or three nodes as child JVMs; returns the bootstrap servers. */
    private String startKafka() throws Exception {
        Path single = settings.dataDir().resolve("kafka");
        if (settings.brokers() == 1) {
            if (KraftCluster.anyNodeIn(settings.dataDir())) {
                throw new StartupException(relative(settings.dataDir()) + " holds a three-broker platform: start it with --brokers=3,"
                        + " or give another --data-dir");
            }
            KraftBroker broker = new KraftBroker(single, settings.kafkaPort(), settings.controllerPort());
            started.add(broker);
            broker.start();
            line("kafka", broker.bootstrapServers(), "KRaft broker 4.3.1, data " + relative(single));
            return broker.bootstrapServers();
        }
        if (Files.exists(single.resolve("meta.properties"))) {
            throw new StartupException(relative(settings.dataDir()) + " holds a one-broker platform: start it without --brokers=3,"
                    + " or give another --data-dir");
        }
        KraftCluster created = new KraftCluster(settings.dataDir(), settings.dataDir().resolve("logs"), settings.kafkaPort(),
                settings.controllerPort());
        cluster = created;
        started.add(created);
        try {
            created.start(Duration.ofSeconds(120));
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage());
        }
        for (int id = 1; id <= KraftCluster.SIZE; id++) {
            nodeLine(id, "");
        }
        line("kafka", created.bootstrapServers(), "KRaft 4.3.1, 3 brokers: every topic replicated 3 times, min.insync.replicas 2");
        return created.bootstrapServers();
    }

    private void nodeLine(int id, String what) {
        line("kafka-" + id, "localhost:" + KraftCluster.port(settings.kafkaPort(), id), what + "pid " + cluster.pid(id)
                + ", data " + relative(KraftCluster.nodeDir(settings.dataDir(), id)) + ", log " + relative(cluster.log(id)));
    }

    /**
     * Stays in the foreground; a service that dies takes the platform down rather than leaving it
     * half-up. A Kafka node that dies is started again after a pause, as a supervisor would: the
     * other two keep the cluster serving meanwhile.
     */
    void watchServices() {
        long[] deadSince = new long[KraftCluster.SIZE + 1];
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                for (ChildProcess service : services) {
                    if (!stopping && !service.isAlive()) {
                        System.err.println("error: " + service.name() + " exited; see " + relative(service.log()));
                        System.exit(1);
                    }
                }
                for (int id = 1; cluster != null && id <= KraftCluster.SIZE; id++) {
                    restartIfDead(id, deadSince);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void restartIfDead(int id, long[] deadSince) {
        if (stopping || cluster.isAlive(id)) {
            deadSince[id] = 0;
            return;
        }
        if (deadSince[id] == 0) {
            deadSince[id] = System.nanoTime();
            System.err.println("warning: kafka-" + id + " exited; the other two serve, it starts again in "
                    + settings.brokerRestartDelay().toSeconds() + " s (see " + relative(cluster.log(id)) + ")");
        } else if (System.nanoTime() - deadSince[id] >= settings.brokerRestartDelay().toNanos()) {
            try {
                cluster.launch(id);
                deadSince[id] = 0;
                nodeLine(id, "started again, ");
            } catch (IOException e) {
                System.err.println("warning: kafka-" + id + " could not be started again: " + e.getMessage());
                deadSince[id] = System.nanoTime();
            }
        }
    }

    synchronized void stop() {
        stopping = true;
        if (stopped.getCount() == 0) {
            return;
        }
        if (!started.isEmpty()) {
            System.out.println("stopping ...");
        }
        // Services first (in parallel), then the registry, then the broker.
        ChildProcess.stopAll(services, Duration.ofSeconds(5), Duration.ofSeconds(7));
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable component = started.get(i);
            if (component instanceof ChildProcess && services.contains(component)) {
                continue;
            }
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
        if (!started.isEmpty()) {
            System.out.println("stopped");
        }
        stopped.countDown();
    }

    private void checkPortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(settings.httpPort(), "HTTP API (--http-port / OTP_HTTP_PORT)");
        for (int id = 1; id <= settings.brokers(); id++) {
            String node = settings.brokers() == 1 ? "" : " of node " + id;
            ports.put(KraftCluster.port(settings.kafkaPort(), id), "Kafka" + node + " (--kafka-port / OTP_KAFKA_PORT)");
            ports.put(KraftCluster.port(settings.controllerPort(), id), "Kafka controller" + node
                    + " (--kafka-controller-port / OTP_KAFKA_CONTROLLER_PORT)");
        }
        ports.put(settings.registryPort(), "schema registry (--registry-port / OTP_REGISTRY_PORT)");
        ports.put(settings.smtpPort(), "development mail server's SMTP (--smtp-port / OTP_DEV_SMTP_PORT)");
        ports.put(settings.imapPort(), "development mail server's IMAP (--imap-port / OTP_DEV_IMAP_PORT)");
        if (settings.identity()) {
            ports.put(settings.identityPort(), "staff identity provider (--identity-port / OTP_IDENTITY_PORT)");
        }
        if (ports.size() < (settings.identity() ? 5 : 4) + 2 * settings.brokers()) {
            throw new StartupException("two components were given the same port");
        }
        for (Map.Entry<Integer, String> p : ports.entrySet()) {
            if (!Ports.isFree(p.getKey())) {
                throw new StartupException("port " + p.getKey() + " for the " + p.getValue() + " is already in use");
            }
        }
    }

    private IdentityProvider identityProvider() {
        return new IdentityProvider(settings.home().resolve("infra/identity/shinkin-staff-realm.json"),
                settings.dataDir().resolve("identity"), settings.identityPort(), "http://localhost:" + settings.httpPort());
    }

    private List<ServiceSpec> services() {
        return List.of(new ServiceSpec("otp-service",
                settings.home().resolve("services/otp-service/target/otp-service.jar"), settings.httpPort(), "/health"));
    }

    private List<String> serviceCommand(ServiceSpec spec) {
        return List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-XX:+UseParallelGC", "-jar", spec.jar().toString());
    }

    private Map<String, String> serviceEnvironment(ServiceSpec spec, String bootstrap, SchemaRegistryServer registry,
                                                   IdentityProvider identity) {
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_ENVIRONMENTS", "dev");
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(spec.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        // Streams' own topics (changelogs, repartitions) as many copies as the catalogue's.
        env.put("OTP_REPLICATION_FACTOR", Integer.toString(settings.brokers()));
        env.put("OTP_REGISTRY_URL", registry.baseUrl());
        env.put("OTP_STATE_DIR", settings.dataDir().resolve("streams").resolve(spec.name()).toString());
        env.put("OTP_ADVERTISED_URL", "http://localhost:" + spec.port());
        env.put("OTP_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("OTP_NOTIFICATIONS_ENABLED", "true");
        env.put("OTP_SMTP_HOST", "127.0.0.1");
        env.put("OTP_SMTP_PORT", Integer.toString(settings.smtpPort()));
        env.put("OTP_SMTP_STARTTLS", "false"); // the development mail server on this machine only
        if (identity != null) {
            env.put("OTP_STAFF_ISSUER", identity.issuer());
        }
        for (String name : PASSED_THROUGH) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }

    private Path relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(settings.home()) ? settings.home().relativize(abs) : abs;
    }

    private static void line(String component, String address, String detail) {
        System.out.printf(Locale.ROOT, "%-12s %-28s %s%n", component, address, detail);
        System.out.flush();
    }

    static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }
    }
}
