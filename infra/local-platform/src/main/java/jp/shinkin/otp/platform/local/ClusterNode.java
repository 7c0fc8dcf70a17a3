package jp.shinkin.otp.platform.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a {@link KraftCluster}, in a JVM of its own so that it can be lost the way a server
 * is lost (kill -9) while the other two keep the cluster serving. Stops with its parent: a
 * launcher killed without a word leaves no broker behind.
 */
public final class ClusterNode {
    private ClusterNode() {
    }

    /** {@code --node-id=N --port=N --controller-port=N --voters=… --cluster-id=… --cluster-size=N --log-dir=DIR --may-format=BOOL --parent-pid=N} */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        KraftBroker.Member member = new KraftBroker.Member(Integer.parseInt(a.get("node-id")), a.get("voters"),
                a.get("cluster-id"), Integer.parseInt(a.get("cluster-size")));
        Path logDir = Path.of(a.get("log-dir"));
        if (!Boolean.parseBoolean(a.get("may-format")) && !Files.exists(logDir.resolve("meta.properties"))) {
            // A node whose disk was lost while the cluster ran must not come back empty (see KraftCluster).
            System.err.println("error: " + logDir + " has no data; a lost node's disk is replaced with Kafka's own tooling");
            System.exit(1);
        }
        KraftBroker node = new KraftBroker(logDir, Integer.parseInt(a.get("port")),
                Integer.parseInt(a.get("controller-port")), Optional.empty(), member);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "node-shutdown"));
        // Watched from the first moment: a start without a quorum can wait for ever.
        Thread watch = new Thread(() -> {
            ProcessHandle.of(Long.parseLong(a.get("parent-pid"))).ifPresent(parent -> parent.onExit().join());
            stopWithin(Duration.ofSeconds(20));
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        node.start();
        System.out.println("node " + member.nodeId() + " started");
        System.out.flush();
        watch.join();
    }

    /** An orderly stop (the shutdown hook), and a hard one if that hangs: no node outlives its launcher. */
    private static void stopWithin(Duration limit) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException ignored) {
                // halting anyway
            }
            Runtime.getRuntime().halt(1);
        }, "halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
