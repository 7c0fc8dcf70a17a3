package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Faults under load, with the service instances as separate JVMs on a real broker: kill -9 of an
 * instance, a broker restart, a rebalance (a third instance joining). After each: no code accepted
 * twice (answers and log), every acknowledged acceptance has its OtpVerified event in the log, and
 * decided answers again within 15 s.
 */
class FaultsIT {
    private static final int CONTRACTS = 24;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(15);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killNineBrokerRestartAndRebalanceUnderLoad(@TempDir Path dir) throws Exception {
        int kafkaPort = Ports.anyFree();
        int controllerPort = Ports.anyFree();
        KraftBroker broker = new KraftBroker(dir.resolve("kafka"), kafkaPort, controllerPort).start();
        try (SchemaRegistryServer registry = new SchemaRegistryServer(dir.resolve("registry"), Ports.anyFree()).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicProvisioner.ensure(admin, Topics.ALL, (short) 1);
            }
            ServiceProcess a = new ServiceProcess(Ports.anyFree(), dir.resolve("state-a"), dir.resolve("a.log"),
                    broker.bootstrapServers(), registry.baseUrl());
            ServiceProcess b = new ServiceProcess(Ports.anyFree(), dir.resolve("state-b"), dir.resolve("b.log"),
                    broker.bootstrapServers(), registry.baseUrl());
            ServiceProcess c = null;
            try {
                awaitHealthy(a);
                awaitHealthy(b);
                Map<String, byte[]> seeds = SeededContracts.seed(http, a.baseUrl(), "FLT-", CONTRACTS);
                List<Answer> answers = new CopyOnWriteArrayList<>();
                Map<String, Duration> recovered = new LinkedHashMap<>();
                List<ServiceProcess> targets = new CopyOnWriteArrayList<>(List.of(a, b));
                try (LoginVerifiers clients = new LoginVerifiers(http, 8, seeds,
                        () -> targets.stream().map(ServiceProcess::baseUrl).toList(), answers)) {
                    // 1. kill -9 of an instance while 8 clients verify through both.
                    awaitSomeAccepted(answers);
                    Instant killed = Instant.now();
                    targets.remove(a);
                    a.kill9();
                    recovered.put("kill -9 of one of two instances", recoveryAfter(answers, killed, seeds));
                    // 2. the broker restarts while the survivor is under load.
                    broker.close();
                    broker = new KraftBroker(dir.resolve("kafka"), kafkaPort, controllerPort).start();
                    Instant back = Instant.now();
                    recovered.put("broker restart (from broker back up)", recoveryAfter(answers, back, seeds));
                    // 3. a rebalance: a new instance joins while clients verify.
                    c = new ServiceProcess(Ports.anyFree(), dir.resolve("state-c"), dir.resolve("c.log"),
                            broker.bootstrapServers(), registry.baseUrl());
                    awaitHealthy(c);
                    Instant joined = Instant.now();
                    targets.add(c);
                    recovered.put("rebalance (third instance joins)", recoveryAfter(answers, joined, seeds));
                }

                System.out.println("faults: " + answers.size() + " answers, recovery " + recovered);
                recovered.forEach((fault, took) -> assertThat(took).as(fault).isLessThan(RECOVERY_LIMIT));
                AcknowledgedAnswers.assertInTheLog(answers, broker.bootstrapServers(), registry.baseUrl());
            } finally {
                for (ServiceProcess p : new ServiceProcess[] {a, b, c}) {
                    if (p != null) {
                        p.close();
                    }
                }
            }
        } finally {
            broker.close();
        }
    }

    private static void awaitSomeAccepted(List<Answer> answers) {
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().anyMatch(Answer::accepted));
    }

    private static Duration recoveryAfter(List<Answer> answers, Instant since, Map<String, byte[]> seeds) {
        return AcknowledgedAnswers.recoveryAfter(answers, since, seeds.keySet(), Duration.ofSeconds(60));
    }

    private void awaitHealthy(ServiceProcess p) {
        Instances.awaitHealthy(http, p, Duration.ofSeconds(90));
    }
}
