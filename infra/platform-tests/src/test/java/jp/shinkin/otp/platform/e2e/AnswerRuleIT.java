package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.e2e.LoginVerifiers.Answer;
import jp.shinkin.otp.platform.local.KraftBroker;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.platform.local.SchemaRegistryServer;
import jp.shinkin.otp.platform.local.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "An answer is never contradicted by the committed log" (DESIGN.md invariant 3), with the window
 * between decision and commit held open: both instances commit only every 2 s and request no
 * commit per decision, and one of them is killed with -9 while 50 clients verify. Before answers
 * waited for the commit, ACCEPTED answers were given whose OtpVerified never reached the log.
 */
class AnswerRuleIT {
    private static final int CONTRACTS = 8;
    private static final int CLIENTS = 50;
    private static final Map<String, String> WIDE_WINDOW = Map.of(
            "OTP_COMMIT_INTERVAL_MS", "2000",
            "OTP_COMMIT_EACH_DECISION", "false",
            // a registration crosses three commits (decision, token-ID claim, its answer)
            "OTP_CREDENTIALS_REPLY_TIMEOUT", "20s");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcceptedAnswerIsInTheCommittedLogAfterAKillBetweenAnswerAndCommit(@TempDir Path dir) throws Exception {
        KraftBroker broker = new KraftBroker(dir.resolve("kafka"), Ports.anyFree(), Ports.anyFree()).start();
        try (SchemaRegistryServer registry = new SchemaRegistryServer(dir.resolve("registry"), Ports.anyFree()).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicProvisioner.ensure(admin, Topics.ALL, (short) 1);
            }
            ServiceProcess a = new ServiceProcess(Ports.anyFree(), dir.resolve("state-a"), dir.resolve("a.log"),
                    broker.bootstrapServers(), registry.baseUrl(), WIDE_WINDOW);
            ServiceProcess b = new ServiceProcess(Ports.anyFree(), dir.resolve("state-b"), dir.resolve("b.log"),
                    broker.bootstrapServers(), registry.baseUrl(), WIDE_WINDOW);
            try {
                Instances.awaitHealthy(http, a, Duration.ofSeconds(90));
                Instances.awaitHealthy(http, b, Duration.ofSeconds(90));
                Map<String, byte[]> seeds = SeededContracts.seed(http, b.baseUrl(), "ANS-", CONTRACTS);
                List<Answer> answers = new CopyOnWriteArrayList<>();
                List<ServiceProcess> live = new CopyOnWriteArrayList<>(List.of(a, b));
                Instant killed;
                try (LoginVerifiers clients = new LoginVerifiers(http, CLIENTS, seeds,
                        () -> live.stream().map(ServiceProcess::baseUrl).toList(), answers)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().filter(Answer::accepted).count() >= CONTRACTS / 2);
                    live.remove(a);
                    killed = Instant.now();
                    a.kill9();
                    // Every contract decided again, on the survivor, by a request sent after the kill.
                    await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream()
                            .filter(r -> r.sent().isAfter(killed) && r.decided())
                            .map(Answer::contractId).distinct().count() == CONTRACTS);
                }

                AcknowledgedAnswers.assertInTheLog(answers, broker.bootstrapServers(), registry.baseUrl());

                assertThat(resubmitAcceptedCodes(b, answers)).as("accepted codes resubmitted inside their window").isPositive();
            } finally {
                a.close();
                b.close();
            }
        } finally {
            broker.close();
        }
    }

    /**
     * The owner dies with decisions in an open transaction, and the registry is down while a new
     * instance (cold schema cache) takes over: the newcomer waits for the registry instead of
     * skipping the inherited commands, then decides them as the first owner would have.
     */
    @Test
    void aNewOwnerWaitsForTheRegistryAndDecidesTheSameAfterAKill(@TempDir Path dir) throws Exception {
        KraftBroker broker = new KraftBroker(dir.resolve("kafka"), Ports.anyFree(), Ports.anyFree()).start();
        int registryPort = Ports.anyFree();
        SchemaRegistryServer registry = new SchemaRegistryServer(dir.resolve("registry"), registryPort).start();
        ServiceProcess a = null;
        ServiceProcess b = null;
        try {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicProvisioner.ensure(admin, Topics.ALL, (short) 1);
            }
            a = new ServiceProcess(Ports.anyFree(), dir.resolve("state-a"), dir.resolve("a.log"),
                    broker.bootstrapServers(), registry.baseUrl(), WIDE_WINDOW);
            Instances.awaitHealthy(http, a, Duration.ofSeconds(90));
            Map<String, byte[]> seeds = SeededContracts.seed(http, a.baseUrl(), "REG-", CONTRACTS);
            String owner = a.baseUrl();
            List<Answer> answers = new CopyOnWriteArrayList<>();
            try (LoginVerifiers clients = new LoginVerifiers(http, CLIENTS, seeds, () -> List.of(owner), answers)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().filter(Answer::accepted).count() >= CONTRACTS / 2);
                a.kill9();
            }
            registry.close();
            b = new ServiceProcess(Ports.anyFree(), dir.resolve("state-b"), dir.resolve("b.log"),
                    broker.bootstrapServers(), registry.baseUrl());
            ServiceProcess newcomer = b;
            // The newcomer reaches the inherited commands and finds no registry.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Files.readString(newcomer.log).toLowerCase(Locale.ROOT).contains("deserializ")
                            || Files.readString(newcomer.log).contains("schema registry unreachable"));
            registry = new SchemaRegistryServer(dir.resolve("registry"), registryPort).start();
            Instances.awaitHealthy(http, b, Duration.ofSeconds(90));

            AcknowledgedAnswers.assertInTheLog(answers, broker.bootstrapServers(), registry.baseUrl());
            assertThat(resubmitAcceptedCodes(b, answers)).as("accepted codes resubmitted inside their window").isPositive();
            assertThat(Files.readString(b.log)).doesNotContain("set aside");
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            registry.close();
            broker.close();
        }
    }

    /**
     * Every accepted code still inside the verification window (its step at most one behind) is
     * refused as used; returns how many were tried.
     */
    private int resubmitAcceptedCodes(ServiceProcess survivor, List<Answer> answers) throws Exception {
        int tried = 0;
        for (Answer r : answers.stream().filter(Answer::accepted).toList()) {
            if (r.step() < Instant.now().getEpochSecond() / 30 - 1) {
                continue;
            }
            HttpResponse<String> again = LoginVerifiers.verify(http, survivor.baseUrl(), r.contractId(), r.code());
            if (r.step() >= Instant.now().getEpochSecond() / 30 - 1) {
                assertThat(again.body()).as(r.key()).contains("E1008");
                tried++;
            }
        }
        return tried;
    }
}
