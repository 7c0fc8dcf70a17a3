package jp.shinkin.otp.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.local.KraftBroker;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.platform.local.SchemaRegistryServer;
import jp.shinkin.otp.platform.local.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One real broker and one real schema registry for the whole test JVM (started on first use,
 * stopped when the JVM exits). Which broker is chosen by {@code -Dkafka.fixture}: {@code embedded}
 * (default, an in-process KRaft broker) or {@code testcontainers} (needs Docker).
 */
public final class KafkaPlatform {
    private static KafkaPlatform shared;

    private final String bootstrapServers;
    private final SchemaRegistryServer registry;
    private final Admin admin;

    private KafkaPlatform(String bootstrapServers, SchemaRegistryServer registry) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public static String fixture() {
        return System.getProperty("kafka.fixture", "embedded");
    }

    /** The JVM's platform, started on first call. */
    public static synchronized KafkaPlatform shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test platform", e);
            }
        }
        return shared;
    }

    private static KafkaPlatform start() throws Exception {
        Path dir = Files.createTempDirectory("otp-test-platform");
        AutoCloseable broker;
        String bootstrap;
        if ("testcontainers".equals(fixture())) {
            ContainerBroker container = ContainerBroker.start();
            broker = container;
            bootstrap = container.bootstrapServers();
        } else {
            KraftBroker kraft = new KraftBroker(dir.resolve("kafka"), Ports.anyFree(), Ports.anyFree()).start();
            broker = kraft;
            bootstrap = kraft.bootstrapServers();
        }
        SchemaRegistryServer registry = new SchemaRegistryServer(dir.resolve("registry"), Ports.anyFree()).start();
        KafkaPlatform platform = new KafkaPlatform(bootstrap, registry);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.admin.close();
            registry.close();
            try {
                broker.close();
            } catch (Exception ignored) {
                // the JVM is exiting
            }
        }, "test-platform-shutdown"));
        return platform;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registry.baseUrl();
    }

    public String confluentCompatibleUrl() {
        return registry.confluentCompatibleUrl();
    }

    public Admin admin() {
        return admin;
    }

    /**
     * Creates every catalogue topic under a fresh prefix, so a test sees only its own records.
     *
     * @return the prefix (e.g. {@code t3f2a1c9.}); topic names are {@code Topics.X.nameIn(prefix)}
     */
    /**
     * A created topic is not yet in the broker's metadata the instant its creation is acknowledged
     * (the controller has it first); a service started at once then found "no partitions" (seen
     * when the broker was busy). Wait until every partition has a leader, 30 s at most.
     */
    private void awaitLeaders(List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean ready;
            try {
                ready = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()
                        .stream().allMatch(d -> !d.partitions().isEmpty() && d.partitions().stream().allMatch(p -> p.leader() != null));
            } catch (ExecutionException e) {
                ready = false; // not known to the broker yet
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leaders after 30 s");
            }
            Thread.sleep(50); // polling interval of a condition with a deadline
        }
    }

    public String freshTopics() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        List<Topic<?, ?>> prefixed = Topics.ALL.stream().<Topic<?, ?>>map(t -> t.withPrefix(prefix)).toList();
        try {
            TopicProvisioner.ensure(admin, prefixed, (short) 1);
            awaitLeaders(prefixed.stream().map(Topic::name).toList());
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics", e);
        }
        return prefix;
    }
}
