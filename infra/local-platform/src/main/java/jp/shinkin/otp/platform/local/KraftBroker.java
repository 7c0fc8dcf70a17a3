package jp.shinkin.otp.platform.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka node in KRaft mode (combined broker + controller), run in this JVM from the Kafka
 * jars: alone (the default platform), or one of a {@link KraftCluster}'s three. The log directory
 * is formatted once; restarting on the same directory keeps every topic and record.
 */
public final class KraftBroker implements AutoCloseable {
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final Optional<SaslSsl> security;
    private final Member member;
    private KafkaRaftServer server;

    /**
     * Who this node is in its quorum ({@code voters}: {@code id@host:port,...}), the cluster ID it is
     * formatted with, and how many nodes the cluster has: with three, every record is kept three
     * times and acknowledged once two copies have it, so one node's loss loses nothing acknowledged.
     */
    public record Member(int nodeId, String voters, String clusterId, int clusterSize) {
        static Member alone(int controllerPort) {
            return new Member(1, "1@localhost:" + controllerPort, Uuid.randomUuid().toString(), 1);
        }

        public int minInSyncReplicas() {
            return KraftBroker.minInSyncReplicas(clusterSize);
        }
    }

    /**
     * The clients' listener as production runs it: TLS (the broker's key store) with SASL/SCRAM-SHA-512
     * users created when the log directory is formatted. Inter-broker traffic (none on one node but
     * Kafka wants a listener for it) stays on a plaintext listener bound to the loopback address.
     */
    public record SaslSsl(Path keyStore, String keyStorePassword, Map<String, String> scramUsers, int internalPort) {
        @Override
        public String toString() {
            return "SaslSsl[keyStore=" + keyStore + ", users=" + scramUsers.keySet() + "]";
        }
    }

    public KraftBroker(Path logDir, int port, int controllerPort) {
        this(logDir, port, controllerPort, Optional.empty());
    }

    public KraftBroker(Path logDir, int port, int controllerPort, Optional<SaslSsl> security) {
        this(logDir, port, controllerPort, security, Member.alone(controllerPort));
    }

    KraftBroker(Path logDir, int port, int controllerPort, Optional<SaslSsl> security, Member member) {
        this.logDir = logDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.security = security;
        this.member = member;
    }

    public KraftBroker start() throws Exception {
        Files.createDirectories(logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format();
        }
        server = new KafkaRaftServer(new KafkaConfig(properties(), false), Time.SYSTEM);
        server.startup();
        return this;
    }

    /** First start only: a formatted directory keeps its cluster ID, topics and records. */
    private void format() throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setClusterId(member.clusterId())
                .setNodeId(member.nodeId())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(false)
                .setScramArguments(security.map(s -> s.scramUsers().entrySet().stream()
                        .map(u -> "SCRAM-SHA-512=[name=" + u.getKey() + ",password=" + u.getValue() + "]").toList())
                        .orElse(List.of()))
                .run();
    }

    /** Copies a write must reach before it is acknowledged: 2 of 3 (one copy may be lost), 1 of 1. */
    public static int minInSyncReplicas(int copies) {
        return copies >= 3 ? 2 : 1;
    }

    public int nodeId() {
        return member.nodeId();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(member.nodeId()));
        p.put("controller.quorum.voters", member.voters());
        p.put("controller.listener.names", "CONTROLLER");
        if (security.isPresent()) {
            SaslSsl s = security.get();
            p.put("listeners", "SASL_SSL://localhost:" + port + ",INTERNAL://127.0.0.1:" + s.internalPort()
                    + ",CONTROLLER://localhost:" + controllerPort);
            p.put("advertised.listeners", "SASL_SSL://localhost:" + port + ",INTERNAL://127.0.0.1:" + s.internalPort());
            p.put("inter.broker.listener.name", "INTERNAL");
            p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            p.put("listener.name.sasl_ssl.ssl.keystore.location", s.keyStore().toAbsolutePath().toString());
            p.put("listener.name.sasl_ssl.ssl.keystore.password", s.keyStorePassword());
            p.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        } else {
            p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        }
        p.put("log.dirs", logDir.toString());
        // Every topic, the internal ones (offsets, transactions, share state, Streams' changelogs) included,
        // has a copy on each node, and a write is acknowledged once min.insync.replicas copies have it.
        String copies = Integer.toString(member.clusterSize());
        String inSync = Integer.toString(member.minInSyncReplicas());
        p.put("offsets.topic.replication.factor", copies);
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", copies);
        p.put("transaction.state.log.min.isr", inSync);
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", copies);
        p.put("share.coordinator.state.topic.min.isr", inSync);
        p.put("default.replication.factor", copies);
        p.put("min.insync.replicas", inSync);
        // A node lost without a word may lead partitions: never let a copy that missed acknowledged
        // writes take over (Kafka's default, stated because the guarantee rests on it).
        p.put("unclean.leader.election.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly, with their retention and compaction settings.
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.backoff.ms", "5000");
        // A dead instance's open transaction blocks read_committed readers until aborted: check every second.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // Request threads: Kafka's defaults (3 network, 8 I/O) are sized for a server of its own; on a
        // shared small box fewer threads mean less switching (OTP_KAFKA_*_THREADS to measure).
        p.put("num.network.threads", System.getenv().getOrDefault("OTP_KAFKA_NETWORK_THREADS", "3"));
        p.put("num.io.threads", System.getenv().getOrDefault("OTP_KAFKA_IO_THREADS", "8"));
        return p;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
