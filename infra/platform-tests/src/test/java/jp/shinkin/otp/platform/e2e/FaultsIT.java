package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.local.KraftBroker;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.platform.local.SchemaRegistryServer;
import jp.shinkin.otp.platform.local.TopicProvisioner;
import jp.shinkin.otp.wire.OtpVerified;
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

    /** One answer the load generator got. */
    private record Answer(String contractId, String code, Instant sent, Instant answered, int status, String body) {
        boolean decided() {
            return status == 200;
        }

        boolean accepted() {
            return status == 200 && body.contains("ACCEPTED");
        }
    }

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
                Map<String, Duration> recovered = new HashMap<>();

                // 1. kill -9 of an instance while 8 clients verify through both.
                List<ServiceProcess> targets = new CopyOnWriteArrayList<>(List.of(a, b));
                try (Load load = new Load(seeds, targets, answers)) {
                    load.runFor(Duration.ofSeconds(4));
                    Instant killed = Instant.now();
                    targets.remove(a);
                    a.kill9();
                    recovered.put("kill -9 of one of two instances", load.recoveryAfter(killed, seeds.keySet()));
                }
                // 2. the broker restarts while the survivor is under load.
                try (Load load = new Load(seeds, targets, answers)) {
                    load.runFor(Duration.ofSeconds(3));
                    broker.close();
                    broker = new KraftBroker(dir.resolve("kafka"), kafkaPort, controllerPort).start();
                    Instant back = Instant.now();
                    recovered.put("broker restart (from broker back up)", load.recoveryAfter(back, seeds.keySet()));
                }
                // 3. a rebalance: a new instance joins while clients verify.
                c = new ServiceProcess(Ports.anyFree(), dir.resolve("state-c"), dir.resolve("c.log"),
                        broker.bootstrapServers(), registry.baseUrl());
                try (Load load = new Load(seeds, targets, answers)) {
                    load.runFor(Duration.ofSeconds(2));
                    awaitHealthy(c);
                    Instant joined = Instant.now();
                    targets.add(c);
                    recovered.put("rebalance (third instance joins)", load.recoveryAfter(joined, seeds.keySet()));
                }

                System.out.println("faults: " + answers.size() + " answers, recovery " + recovered);
                recovered.forEach((fault, took) -> assertThat(took).as(fault).isLessThan(RECOVERY_LIMIT));
                checkInvariants(answers, broker.bootstrapServers(), registry.baseUrl());
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

    /** No double acceptance in the answers or the log; every acknowledged acceptance is in the log. */
    private static void checkInvariants(List<Answer> answers, String bootstrap, String registry) {
        Map<String, Integer> acceptedPerCode = new HashMap<>();
        Map<String, Integer> acceptedPerContract = new HashMap<>();
        Map<String, Integer> replaysPerContract = new HashMap<>();
        for (Answer r : answers) {
            if (r.decided() && r.body().contains("E1008")) {
                replaysPerContract.merge(r.contractId(), 1, Integer::sum);
            }
            if (r.accepted()) {
                acceptedPerCode.merge(r.contractId() + "/" + r.code() + "/" + r.sent().getEpochSecond() / 30, 1, Integer::sum);
                acceptedPerContract.merge(r.contractId(), 1, Integer::sum);
            }
        }
        assertThat(acceptedPerCode.values()).as("a code accepted twice").allMatch(n -> n == 1);
        assertThat(acceptedPerContract.values().stream().mapToInt(Integer::intValue).sum()).as("some codes accepted").isPositive();

        Map<String, Integer> loggedPerContract = new HashMap<>();
        Map<String, Integer> loggedReplays = new HashMap<>();
        Set<String> steps = new HashSet<>();
        List<String> doubles = new ArrayList<>();
        CommittedEvents.forEach(bootstrap, registry, (contract, event) -> {
            if (event instanceof jp.shinkin.otp.wire.OtpReplayRejected) {
                loggedReplays.merge(contract, 1, Integer::sum);
            }
            if (event instanceof OtpVerified v && v.getPurpose() == jp.shinkin.otp.wire.Purpose.LOGIN) {
                loggedPerContract.merge(contract, 1, Integer::sum);
                if (!steps.add(v.getTokenId() + "/" + v.getStep())) {
                    doubles.add(v.getTokenId() + " step " + v.getStep());
                }
            }
        });
        assertThat(doubles).as("a step accepted twice in the log").isEmpty();
        acceptedPerContract.forEach((contract, n) -> assertThat(loggedPerContract.getOrDefault(contract, 0))
                .as("acknowledged acceptances of " + contract + " in the log").isGreaterThanOrEqualTo(n));
        // Answered replays are decisions too: each has its audited OtpReplayRejected event.
        replaysPerContract.forEach((contract, n) -> assertThat(loggedReplays.getOrDefault(contract, 0))
                .as("acknowledged E1008 answers of " + contract + " in the log").isGreaterThanOrEqualTo(n));
    }

    /** Clients verifying the current code of random contracts through the live instances, 8 at a time. */
    private final class Load implements AutoCloseable {
        private final Map<String, byte[]> seeds;
        private final List<ServiceProcess> targets;
        private final List<Answer> answers;
        private final List<Answer> mine = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService workers = Executors.newFixedThreadPool(8);

        Load(Map<String, byte[]> seeds, List<ServiceProcess> targets, List<Answer> answers) {
            this.seeds = seeds;
            this.targets = targets;
            this.answers = answers;
            List<String> ids = new ArrayList<>(seeds.keySet());
            for (int w = 0; w < 8; w++) {
                workers.submit(() -> {
                    while (running.get()) {
                        String contract = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                        List<ServiceProcess> live = List.copyOf(targets);
                        ServiceProcess target = live.get(ThreadLocalRandom.current().nextInt(live.size()));
                        Instant sent = Instant.now();
                        String code = Totp.codeAt(seeds.get(contract), sent, TotpParameters.DEFAULT);
                        Answer answer;
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/verifications"))
                                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer dev-channel-key")
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"contractId\":\"" + contract + "\",\"otp\":\"" + code + "\",\"purpose\":\"LOGIN\"}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            answer = new Answer(contract, code, sent, Instant.now(), r.statusCode(), r.body());
                        } catch (Exception e) {
                            answer = new Answer(contract, code, sent, Instant.now(), -1, String.valueOf(e));
                        }
                        answers.add(answer);
                        mine.add(answer);
                    }
                    return null;
                });
            }
        }

        void runFor(Duration d) throws InterruptedException {
            Instant until = Instant.now().plus(d);
            while (Instant.now().isBefore(until)) {
                Thread.sleep(50); // load runs for a wall-clock span; nothing here waits for Kafka
            }
        }

        /**
         * Time from {@code since} until every contract had a decided answer to a request sent after
         * it (so contracts whose owner moved are counted too), at most 60 s.
         */
        Duration recoveryAfter(Instant since, Set<String> contracts) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> mine.stream()
                    .filter(r -> r.sent().isAfter(since) && r.decided()).map(Answer::contractId).distinct().count() == contracts.size());
            Instant last = contracts.stream().map(id -> mine.stream().filter(r -> r.contractId().equals(id) && r.sent().isAfter(since)
                    && r.decided()).map(Answer::answered).min(Instant::compareTo).orElseThrow()).max(Instant::compareTo).orElseThrow();
            return Duration.between(since, last);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).as("no hung request").isTrue();
        }
    }

    private void awaitHealthy(ServiceProcess p) {
        Instances.awaitHealthy(http, p, Duration.ofSeconds(90));
    }
}
