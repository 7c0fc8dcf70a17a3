package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import jp.shinkin.otp.platform.e2e.LoginVerifiers.Answer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Disabled("2026-11-29: after the whole platform is killed with -9, a transaction of the killed"
        + " service can stay open on a partition while the coordinator has closed it (a hanging transaction): the"
        + " relaunched topology then waits for ever. 5 of 9 runs relaunched on other broker ports, 1 of 9 on the same"
        + " ports; once (CI) an event's schema was missing from the registry after the relaunch. Run it without this"
        + " line to reproduce: it prints the open transactions and keeps the logs. Issue 13 stays open on it")
/**
 * The whole local platform (the launcher the README's run command starts: broker, registry,
 * service) killed with -9 under load, then started again the same way on the same data folder and
 * ports: it comes back ready with no manual step, and every decision it had answered is in the log.
 * (On other broker ports the restarted coordinator can leave a hanging transaction behind — see
 * this module's README — which is why the relaunch keeps them, as the README's command does.)
 */
class PowerCutIT {
    private static final int CONTRACTS = 6;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void thePlatformKilledWithMinusNineUnderLoadStartsAgainWithEveryAnsweredDecisionInTheLog(@TempDir Path data)
            throws Exception {
        List<Answer> answers = new CopyOnWriteArrayList<>();
        LaunchedPlatform first = new LaunchedPlatform(data);
        try {
            awaitReady(first, data);
            Map<String, byte[]> seeds = SeededContracts.seed(http, first.baseUrl(), "PWR-", CONTRACTS);
            // Global stores on disk as after a long run: the state a hard kill used to leave unstartable.
            CrashRestartIT.fillKeyStorePastItsMemtable(first.bootstrapServers(), first.registryUrl());
            Path keyStore = data.resolve("streams/otp-service/otp-credentials/global/rocksdb/token-data-keys");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> CrashRestartIT.hasTableFile(keyStore));
            try (LoginVerifiers clients = new LoginVerifiers(http, 8, seeds, () -> List.of(first.baseUrl()), answers)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream().filter(Answer::accepted).count() >= CONTRACTS / 2);
                first.killMinusNine();
            }
        } finally {
            first.close();
        }

        try (LaunchedPlatform again = LaunchedPlatform.again(data, first)) {
            awaitReady(again, data);
            Map<String, Integer> logged;
            try {
                logged = CommittedEvents.loginAcceptances(again.bootstrapServers(), again.registryUrl());
            } catch (RuntimeException e) {
                keepLogs(data);
                throw e;
            }
            List<String> missing = answers.stream().filter(Answer::accepted).map(Answer::key)
                    .filter(k -> logged.getOrDefault(k, 0) != 1).toList();
            assertThat(missing).as("answered acceptances without exactly one OtpVerified in the log").isEmpty();
            assertThat(answers).filteredOn(Answer::accepted).isNotEmpty();
        }
    }

    private static void awaitReady(LaunchedPlatform platform, Path data) throws Exception {
        AtomicReference<String> health = new AtomicReference<>("");
        AtomicBoolean diagnosed = new AtomicBoolean();
        Instant since = Instant.now();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(1000))
                .until(() -> {
                    try {
                        health.set(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/health"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body());
                    } catch (Exception e) {
                        // not serving yet
                    }
                    if (!diagnosed.get() && Duration.between(since, Instant.now()).toSeconds() > 60) {
                        diagnosed.set(true);
                        printOpenTransactions(platform);
                    }
                    return platform.ready() || !platform.alive();
                });
        System.out.println("last health answer: " + health.get());
        if (!platform.ready()) {
            platform.drained();
            keepLogs(data);
            Path log = data.resolve("logs/otp-service.log");
            List<String> lines = Files.exists(log) ? Files.readAllLines(log).stream()
                    .filter(l -> !l.contains("OffsetFetcherUtils") && !l.contains("did not find checkpoint")
                            && !l.contains("Failed to register startup")).toList() : List.of();
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            assertThat(platform.ready()).as(platform.console() + "\nservice log (warnings and errors):\n" + tail).isTrue();
        }
    }

    /** The platform's logs (the data folder is temporary) under target/power-cut-logs, for whoever reads the failure. */
    private static void keepLogs(Path data) throws IOException {
        Path kept = Path.of("target", "power-cut-logs", Long.toString(System.currentTimeMillis()));
        Files.createDirectories(kept);
        List<Path> logs = new ArrayList<>();
        try (var files = Files.list(data.resolve("logs"))) {
            logs.addAll(files.toList());
        }
        logs.add(data.resolve("registry/registry.log"));
        for (Path log : logs) {
            if (Files.isRegularFile(log)) {
                Files.copy(log, kept.resolve(log.getFileName()));
            }
        }
        System.out.println("platform logs kept in " + kept.toAbsolutePath());
    }

    /** Every partition with an open transaction, and who holds it: what a read_committed reader waits for. */
    private static void printOpenTransactions(LaunchedPlatform platform) {
        try (Admin admin = Admin.create(
                Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            var topics = admin.describeTopics(admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names().get()).allTopicNames().get();
            List<TopicPartition> partitions = topics.values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .toList();
            admin.describeProducers(partitions).all().get().forEach((tp, state) -> state.activeProducers().stream()
                    .filter(p -> p.currentTransactionStartOffset().isPresent())
                    .forEach(p -> System.out.println("open transaction on " + tp + ": " + p)));
            admin.listTransactions().all().get().forEach(t -> System.out.println("coordinator knows: " + t));
        } catch (Exception e) {
            System.out.println("could not describe transactions: " + e);
        }
    }
}
