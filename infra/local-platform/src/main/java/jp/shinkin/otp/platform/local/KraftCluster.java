package jp.shinkin.otp.platform.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Three KRaft nodes (each broker and controller, as docker-compose runs them), each a child JVM
 * with its own log directory {@code <root>/kafka-N}: every topic replicated three times,
 * {@code min.insync.replicas} 2. Node N listens on {@code firstPort + 2(N-1)} and its controller on
 * {@code firstControllerPort + 2(N-1)} (defaults 9092/9093, 9094/9095, 9096/9097).
 */
public final class KraftCluster implements AutoCloseable {
    public static final int SIZE = 3;
    private final Path root;
    private final Path logs;
    private final int firstPort;
    private final int firstControllerPort;
    private final ChildProcess[] nodes = new ChildProcess[SIZE];
    private String clusterId;

    public KraftCluster(Path root, Path logs, int firstPort, int firstControllerPort) {
        this.root = root.toAbsolutePath();
        this.logs = logs.toAbsolutePath();
        this.firstPort = firstPort;
        this.firstControllerPort = firstControllerPort;
    }

    public static int port(int first, int nodeId) {
        return first + 2 * (nodeId - 1);
    }

    public static Path nodeDir(Path root, int nodeId) {
        return root.resolve("kafka-" + nodeId);
    }

    /** Starts the three nodes and waits until all three are brokers of one cluster. */
    public KraftCluster start(Duration limit) throws IOException, InterruptedException {
        clusterId = existingClusterId().orElseGet(() -> Uuid.randomUuid().toString());
        boolean formed = Files.exists(formedMark());
        for (int id = 1; id <= SIZE; id++) {
            start(id, !formed);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"))) {
            while (true) {
                for (int id = 1; id <= SIZE; id++) {
                    if (!nodes[id - 1].isAlive()) {
                        throw new IllegalStateException("kafka-" + id + " exited while starting; see " + nodes[id - 1].log());
                    }
                }
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == SIZE) {
                        // From now on a node without data is a lost disk, not a first start.
                        Files.writeString(formedMark(), clusterId + System.lineSeparator());
                        return this;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not formed yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the three Kafka nodes did not form a cluster within " + limit.toSeconds()
                            + " s; see " + logs.resolve("kafka-1.log"));
                }
                Thread.sleep(250);
            }
        }
    }

    /** Starts node {@code id} again on its log directory, as a supervisor restarts a crashed server; never formats it. */
    public void launch(int id) throws IOException {
        start(id, false);
    }

    private void start(int id, boolean mayFormat) throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx384m", "-XX:+UseParallelGC",
                "-Dotp.log.dir=" + logs, "-Dotp.broker.log=kafka-" + id,
                "-cp", classPath(), ClusterNode.class.getName(),
                "--node-id=" + id, "--port=" + port(firstPort, id), "--controller-port=" + port(firstControllerPort, id),
                "--voters=" + voters(), "--cluster-id=" + clusterId, "--cluster-size=" + SIZE,
                "--log-dir=" + nodeDir(root, id), "--may-format=" + mayFormat, "--parent-pid=" + ProcessHandle.current().pid()));
        nodes[id - 1] = ChildProcess.start("kafka-" + id, command, Map.of(), root, logs.resolve("kafka-" + id + ".log"));
    }

    /** This JVM's class path (the launcher jar, or a test's classes), absolute: the nodes run in their own folders. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    public boolean isAlive(int id) {
        return nodes[id - 1] != null && nodes[id - 1].isAlive();
    }

    public long pid(int id) {
        return nodes[id - 1].pid();
    }

    public Path log(int id) {
        return nodes[id - 1].log();
    }

    public String bootstrapServers() {
        return IntStream.rangeClosed(1, SIZE).mapToObj(id -> "localhost:" + port(firstPort, id)).collect(Collectors.joining(","));
    }

    private String voters() {
        return IntStream.rangeClosed(1, SIZE).mapToObj(id -> id + "@localhost:" + port(firstControllerPort, id))
                .collect(Collectors.joining(","));
    }

    /** Written once the three nodes first formed a cluster. */
    private Path formedMark() {
        return root.resolve("kafka-cluster.formed");
    }

    /**
     * The cluster ID the nodes were formatted with, none on a first start. Once the cluster has
     * formed, some nodes formatted and others not is refused: the controllers' quorum is a fixed
     * list, and two controllers formatted afresh would outvote the one that holds the cluster's
     * metadata and wipe every topic. A lost node's disk is replaced with Kafka's own tooling, not by
     * starting again. Before it formed (a first start interrupted), the missing ones are formatted.
     */
    private Optional<String> existingClusterId() throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int id = 1; id <= SIZE; id++) {
            Path meta = nodeDir(root, id).resolve("meta.properties");
            if (Files.isRegularFile(meta)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    p.load(in);
                }
                String id2 = p.getProperty("cluster.id");
                if (id2 == null) {
                    throw new IllegalStateException(meta + " names no cluster.id: restore it, or start afresh with another --data-dir");
                }
                ids.add(id2);
            } else {
                missing.add("kafka-" + id);
            }
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        if (!missing.isEmpty() && Files.exists(formedMark())) {
            throw new IllegalStateException(String.join(", ", missing) + " of the cluster in " + root + " has no data while the"
                    + " others have: starting it empty could lose the cluster's metadata; restore its folder, or start afresh"
                    + " with another --data-dir");
        }
        if (ids.stream().distinct().count() != 1) {
            throw new IllegalStateException("the nodes in " + root + " belong to different clusters: " + ids);
        }
        return Optional.of(ids.get(0));
    }

    /** Whether any node of a cluster has data in {@code root}. */
    public static boolean anyNodeIn(Path root) {
        return IntStream.rangeClosed(1, SIZE).anyMatch(id -> Files.exists(nodeDir(root, id).resolve("meta.properties")));
    }

    /** All three at once: stopped one by one, the last would wait for a controller quorum that is gone. */
    @Override
    public void close() {
        ChildProcess.stopAll(Arrays.stream(nodes).filter(Objects::nonNull).toList(),
                Duration.ofSeconds(20), Duration.ofSeconds(25));
    }
}
