package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three instances of the service (own Micronaut contexts, ports and state directories) on the real
 * broker: a code is accepted once across all of them, guesses lock after exactly the limit, and a
 * stopped instance loses nothing.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeInstancesTest {
    private TestPlatform slice;
    private final List<ServiceInstance> instances = new ArrayList<>();
    private ExecutorService pool;

    @BeforeAll
    void start() {
        slice = new TestPlatform();
        for (int i = 0; i < 3; i++) {
            instances.add(new ServiceInstance(slice.instance(), slice.clock));
        }
        instances.forEach(s -> await().atMost(Duration.ofSeconds(60))
                .until(() -> s.http().get("/health", null).statusCode() == 200));
        pool = Executors.newFixedThreadPool(64);
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        instances.forEach(ServiceInstance::close);
        slice.close();
    }

    private byte[] registered(String contractId, String tokenId) throws Exception {
        byte[] seed = slice.contractWithToken(contractId, tokenId);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> view = instances.get(0).http().get("/v1/ops/contracts/" + contractId, HttpCalls.OPERATIONS_KEY);
            return view.statusCode() == 200 && view.body().contains(tokenId);
        });
        return seed;
    }

    private static String body(String contractId, String code) {
        return "{\"contractId\":\"" + contractId + "\",\"otp\":\"" + code + "\",\"purpose\":\"LOGIN\"}";
    }

    private List<String> concurrently(int n, Function<Integer, String> request) throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> request.apply(index)));
        }
        List<String> answers = new ArrayList<>();
        for (Future<String> f : futures) {
            answers.add(f.get(90, TimeUnit.SECONDS));
        }
        return answers;
    }

    private String post(ServiceInstance instance, String body) {
        try {
            return instance.http().send("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY, "application/json", body).body();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    @Test
    void aThousandConcurrentSubmissionsOfOneCodeAcceptExactlyOne() throws Exception {
        byte[] seed = registered("M-1", "SKMT20000001");
        slice.clock.advance(Duration.ofSeconds(30));
        String code = slice.code(seed);
        List<String> answers = concurrently(1000, i -> post(instances.get(i % 3), body("M-1", code)));
        Map<String, Long> counts = answers.stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
        assertThat(counts).containsEntry("{\"result\":\"ACCEPTED\",\"code\":\"00000\"}", 1L)
                .containsEntry("{\"result\":\"REJECTED\",\"code\":\"E1008\"}", 999L).hasSize(2);
    }

    @Test
    void twoHundredConcurrentWrongGuessesLockAfterExactlyTheLimit() throws Exception {
        byte[] seed = registered("M-2", "SKMT20000002");
        slice.clock.advance(Duration.ofSeconds(30));
        String wrong = wrongCode(seed);
        List<String> answers = concurrently(200, i -> post(instances.get(i % 3), body("M-2", wrong)));
        Map<String, Long> counts = answers.stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
        // The fourth wrong code warns that one more locks.
        assertThat(counts).containsEntry("{\"result\":\"REJECTED\",\"code\":\"E1002\"}", 3L)
                .containsEntry("{\"result\":\"REJECTED\",\"code\":\"E1002\",\"attemptsLeft\":1}", 1L)
                .containsEntry("{\"result\":\"REJECTED\",\"code\":\"E1003\"}", 196L).hasSize(3);
        String view = instances.get(1).http().get("/v1/ops/contracts/M-2", HttpCalls.OPERATIONS_KEY).body();
        assertThat(view).contains("\"otpFailures\":5").contains("\"locked\":true");
    }

    @Test
    void aStoppedInstanceLosesNothingAndTheOthersTakeOver() throws Exception {
        int clients = 20;
        Map<Integer, byte[]> seeds = new ConcurrentHashMap<>();
        for (int c = 0; c < clients; c++) {
            seeds.put(c, registered(String.format(Locale.ROOT, "F-%02d", c), String.format(Locale.ROOT, "SKMT3%07d", c)));
        }
        List<ServiceInstance> alive = new ArrayList<>(instances.subList(0, 2));
        long tookOver = 0;
        for (int round = 0; round < 4; round++) {
            slice.clock.advance(Duration.ofSeconds(30));
            int r = round;
            long started = System.nanoTime();
            if (r == 2) {
                // Stop one instance while this round's requests are in flight.
                pool.submit(() -> instances.get(2).close());
            }
            List<String> answers = concurrently(clients, c -> untilAnswered(
                    r < 2 ? instances : alive, String.format(Locale.ROOT, "F-%02d", c), slice.code(seeds.get(c)),
                    "F-" + c + "-round-" + r));
            assertThat(answers).as("round %d", round).allMatch(a -> a.equals("{\"result\":\"ACCEPTED\",\"code\":\"00000\"}"));
            if (round == 2) {
                tookOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            }
        }
        assertThat(tookOver).as("every request of the round answered after the stop (ms)").isLessThan(15_000);
        // Every round's code was accepted exactly once per contract: the next code of the same step is a replay.
        for (int c = 0; c < clients; c++) {
            String contract = String.format(Locale.ROOT, "F-%02d", c);
            int via = c % 2;
            int client = c;
            // A probing rebalance may still move a task after the stop: E5030 means "retry", as every client does.
            String again = await().atMost(Duration.ofSeconds(15)).until(
                    () -> post(alive.get(via), body(contract, slice.code(seeds.get(client)))), a -> !a.contains("\"E5030\""));
            assertThat(again).isEqualTo("{\"result\":\"REJECTED\",\"code\":\"E1008\"}");
        }
        System.out.println("takeover after stopping an instance: " + tookOver + " ms");
    }

    /** Retries with the same Idempotency-Key (so never counted twice) until answered, on the instances alive. */
    private String untilAnswered(List<ServiceInstance> candidates, String contractId, String code, String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int attempt = 0;
        String last = "";
        while (System.nanoTime() < deadline) {
            ServiceInstance target = candidates.get(Math.floorMod(contractId.hashCode() + attempt++, candidates.size()));
            try {
                HttpResponse<String> response = target.http().sendWithHeader("/v1/verifications", HttpCalls.CHANNEL_KEY,
                        body(contractId, code), "Idempotency-Key", key);
                last = response.body();
                if (response.statusCode() == 200) {
                    return last;
                }
            } catch (Exception e) {
                last = e.toString();
            }
        }
        return "unanswered: " + last;
    }

    private String wrongCode(byte[] seed) {
        // Not any code of the window around now: a guess, not an early or late code.
        Set<String> window = new HashSet<>();
        Instant now = slice.clock.instant();
        for (int s = -3; s <= 3; s++) {
            window.add(Totp.codeAt(seed, now.plusSeconds(30L * s), TotpParameters.DEFAULT));
        }
        for (int candidate = 0; ; candidate++) {
            String code = String.format(Locale.ROOT, "%06d", candidate);
            if (!window.contains(code)) {
                return code;
            }
        }
    }
}
