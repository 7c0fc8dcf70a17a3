package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.e2e.LoginVerifiers.Answer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command with {@code --brokers=3}, under load: every topic, the internal ones
 * included, has three copies and needs two; then kill -9 of one Kafka node (the active controller),
 * and once the launcher has started it again and it is back in sync, kill -9 of another (a leader
 * of the commands). After each: every contract is decided again within the bound; at the end, no
 * code was accepted twice and every acknowledged decision is in the committed log.
 */
class BrokerClusterIT {
    private static final int CONTRACTS = 24;
    private static final int CLIENTS = 8;
    /**
     * The longest a contract may go without a decision after a node's loss. Kafka notices a silent
     * node after broker.session.timeout.ms (9 s, its default; more when the node was the active
     * controller), then leaders, the group and the transaction coordinators move, and Kafka Streams,
     * whose transaction the move aborted, rejoins.
     */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(25);
    /** Longer than the bound: the recovery is the two surviving nodes' doing, not the restarted one's. */
    private static final Duration RESTART_DELAY = RECOVERY_BOUND.plusSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void losingOneNodeThenAnotherUnderLoadLosesNoAcknowledgedDecisionAndAcceptsNoCodeTwice(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (LaunchedPlatform platform = LaunchedPlatform.withThreeBrokers(data, RESTART_DELAY)) {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                    .until(() -> platform.ready() || !platform.alive());
            assertThat(platform.ready()).as(platform.console()).isTrue();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
                assertEveryTopicHasThreeCopiesAndNeedsTwo(admin);

                Map<String, byte[]> seeds = SeededContracts.seed(http, platform.baseUrl(), "BRK-", CONTRACTS);
                List<Answer> answers = new CopyOnWriteArrayList<>();
                Map<String, Duration> recovered = new LinkedHashMap<>();
                Map<String, Duration> longest = new LinkedHashMap<>();
                Map<String, Duration> backInSync = new LinkedHashMap<>();
                try (LoginVerifiers clients = new LoginVerifiers(http, CLIENTS, seeds, () -> List.of(platform.baseUrl()), answers)) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream().filter(Answer::accepted).count() >= CONTRACTS / 2);
                    int first = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
                    loseNode(platform, admin, first, "the active controller", answers, seeds.keySet(), recovered, longest, backInSync);
                    int second = leaderOtherThan(admin, first);
                    loseNode(platform, admin, second, "a leader of otp.commands", answers, seeds.keySet(), recovered, longest, backInSync);
                }
                Map<String, Long> kinds = new TreeMap<>(answers.stream().collect(Collectors.groupingBy(
                        BrokerClusterIT::kind, Collectors.counting())));
                System.out.printf("three brokers: %d answers %s, every contract decided again after %s, longest a contract"
                        + " went without a decision %s, node back in sync after %s%n", answers.size(), kinds, recovered, longest, backInSync);
                longest.forEach((fault, took) -> assertThat(took).as(fault).isLessThan(RECOVERY_BOUND));
                AcknowledgedAnswers.assertInTheLog(answers, platform.bootstrapServers(), platform.registryUrl());
            }
        } finally {
            keepLogs(data.resolve("logs"));
        }
    }

    /** The nodes' and the service's logs outlive the temporary folder, for whoever reads a failure. */
    private static void keepLogs(Path logs) {
        Path kept = Path.of("target", "broker-cluster-logs");
        try {
            Files.createDirectories(kept);
            if (Files.isDirectory(logs)) {
                try (var files = Files.list(logs)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, kept.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("the logs could not be kept in " + kept + ": " + e); // never hides the test's own failure
        }
    }

    /**
     * kill -9 of node {@code id}; waits until every contract is decided again (while the node is still
     * down: the launcher starts it again only after {@link #RESTART_DELAY}), then until it is back in
     * sync, then until every contract is decided once more.
     */
    private static void loseNode(LaunchedPlatform platform, Admin admin, int id, String role, List<Answer> answers,
                                 Set<String> contracts, Map<String, Duration> recovered, Map<String, Duration> longest,
                                 Map<String, Duration> backInSync) {
        long pid = pidOf(platform, id);
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("kafka-" + id + " (pid " + pid + ") is gone"));
        Instant killed = Instant.now();
        node.destroyForcibly();
        node.onExit().join();
        String fault = "kill -9 of kafka-" + id + " (" + role + ")";
        Duration decidedAgain = AcknowledgedAnswers.recoveryAfter(answers, killed, contracts, RECOVERY_BOUND.plusSeconds(60));
        recovered.put(fault, decidedAgain);
        assertThat(decidedAgain).as(fault + ": every contract decided again").isLessThan(RECOVERY_BOUND);
        assertThat(pidOf(platform, id)).as("kafka-" + id + " not started again yet: two nodes served").isEqualTo(pid);
        await().atMost(RESTART_DELAY.plusSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> pidOf(platform, id) != pid && underReplicated(admin).isEmpty());
        Instant inSync = Instant.now();
        backInSync.put(fault, Duration.between(killed, inSync));
        longest.put(fault, AcknowledgedAnswers.longestWithoutDecision(answers, killed, inSync, contracts, Duration.ofSeconds(90)));
        assertThat(platform.stderr).as("the launcher says it starts the node again")
                .anyMatch(l -> l.contains("kafka-" + id + " exited") && l.contains("starts again in " + RESTART_DELAY.toSeconds() + " s"));
    }

    /** HTTP status and result code, e.g. {@code 200 E1008}, {@code 503 E5030}, {@code -1} (no answer). */
    private static String kind(Answer r) {
        Matcher code = Pattern.compile("\"code\":\"(\\w+)\"").matcher(r.body());
        return r.status() + (r.accepted() ? " ACCEPTED" : code.find() ? " " + code.group(1) : "");
    }

    /** The last pid the launcher printed for node {@code id} (it prints a line again when it restarts one). */
    private static long pidOf(LaunchedPlatform platform, int id) {
        Pattern line = Pattern.compile("^kafka-" + id + "\\s.*\\bpid (\\d+)");
        long pid = -1;
        for (String l : platform.stdout) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                pid = Long.parseLong(m.group(1));
            }
        }
        assertThat(pid).as("a line with kafka-" + id + "'s pid:\n" + platform.console()).isPositive();
        return pid;
    }

    private static void assertEveryTopicHasThreeCopiesAndNeedsTwo(Admin admin) throws Exception {
        Map<String, TopicDescription> topics = describeAll(admin);
        assertThat(topics.keySet()).as("catalogue, Kafka's and Streams' own topics")
                .contains("__consumer_offsets", "__transaction_state")
                .containsAll(Topics.ALL.stream().map(t -> t.name()).toList())
                .anyMatch(name -> name.endsWith("-changelog"));
        Map<String, Integer> copies = new TreeMap<>();
        topics.forEach((name, d) -> d.partitions().forEach(p -> copies.merge(name, p.replicas().size(), Math::min)));
        assertThat(copies).as("fewest copies of a partition, per topic").allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(3));
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.keySet().stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
        Map<String, String> minInSync = new TreeMap<>();
        configs.forEach((resource, config) -> minInSync.put(resource.name(), config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()));
        assertThat(minInSync).as("min.insync.replicas per topic").allSatisfy((name, v) -> assertThat(v).as(name).isEqualTo("2"));
    }

    /** Partitions with fewer than three copies in sync (or no leader), named topic-partition. */
    private static List<String> underReplicated(Admin admin) throws Exception {
        List<String> under = new ArrayList<>();
        describeAll(admin).forEach((name, d) -> d.partitions().stream().filter(p -> p.leader() == null || p.isr().size() < 3)
                .forEach(p -> under.add(name + "-" + p.partition())));
        return under;
    }

    /** A node leading a partition of the commands, other than {@code not}. */
    private static int leaderOtherThan(Admin admin, int not) throws Exception {
        Collection<TopicPartitionInfo> partitions = admin.describeTopics(List.of(Topics.COMMANDS.name())).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(Topics.COMMANDS.name()).partitions();
        return partitions.stream().map(p -> p.leader().id()).filter(id -> id != not).findFirst()
                .orElseThrow(() -> new AssertionError("every commands partition is led by " + not));
    }

    private static Map<String, TopicDescription> describeAll(Admin admin) throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    }
}
