package jp.shinkin.otp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives {@code POST /v1/verifications}. Fixed-rate phases are open loop: each request has an
 * intended send time and its latency is measured from then, so a stall shows as latency instead of
 * hiding (no coordinated omission). The maximum phase is closed loop with a fixed concurrency.
 * Each contract is used once per phase, with the code of the moment it is sent.
 */
final class HttpLoad {
    private final BenchSettings settings;
    private final BenchContracts contracts;
    private final HttpClient client;
    private final URI uri;

    HttpLoad(BenchSettings settings, BenchContracts contracts) {
        this.settings = settings;
        this.contracts = contracts;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        this.uri = URI.create(settings.baseUrl() + "/v1/verifications");
    }

    private HttpRequest request(int contract) {
        String body = "{\"contractId\":\"" + contracts.contractIds[contract] + "\",\"otp\":\"" + contracts.code(contract, Instant.now())
                + "\",\"purpose\":\"LOGIN\",\"context\":{\"clientIp\":\"192.0.2.10\",\"deviceId\":\"bench\"}}";
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Each contract at most once: the phase ends early if it runs out of contracts. */
    PhaseResult fixedRate(String name, int rate, int seconds, int firstContract) throws InterruptedException {
        int span = contracts.contractIds.length - firstContract;
        return fixedRate(name, Math.min(rate, span / seconds), seconds, firstContract, span);
    }

    /** As above, cycling over {@code span} contracts (after the first round, codes are replays: E1008). */
    PhaseResult fixedRate(String name, int rate, int seconds, int firstContract, int span) throws InterruptedException {
        int total = rate * seconds;
        Recorder recorder = new Recorder(3);
        Counters counters = new Counters();
        Semaphore inFlight = new Semaphore(4096);
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            client.sendAsync(request(firstContract + i % span), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                counters.count(r, e);
                inFlight.release();
                done.countDown();
            });
        }
        done.await(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return counters.result(name, rate, total / elapsed, recorder.getIntervalHistogram());
    }

    PhaseResult maximum(String name, int seconds, int concurrency, int firstContract) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Counters counters = new Counters();
        AtomicLong next = new AtomicLong(firstContract);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch workers = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        AtomicLong completed = new AtomicLong();
        for (int w = 0; w < concurrency; w++) {
            sendNext(recorder, counters, next, end, workers, completed);
        }
        workers.await(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return counters.result(name, 0, completed.get() / elapsed, recorder.getIntervalHistogram());
    }

    private void sendNext(Recorder recorder, Counters counters, AtomicLong next, long end, CountDownLatch workers,
                          AtomicLong completed) {
        long contract = next.getAndIncrement();
        if (System.nanoTime() >= end || contract >= contracts.contractIds.length) {
            workers.countDown();
            return;
        }
        long sent = System.nanoTime();
        client.sendAsync(request((int) contract), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            counters.count(r, e);
            completed.incrementAndGet();
            sendNext(recorder, counters, next, end, workers, completed);
        });
    }

    private static final class Counters {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong errors = new AtomicLong();

        void count(HttpResponse<String> r, Throwable e) {
            if (e != null || r.statusCode() != 200) {
                errors.incrementAndGet();
            } else if (r.body().contains("ACCEPTED")) {
                accepted.incrementAndGet();
            } else {
                rejected.incrementAndGet();
            }
        }

        PhaseResult result(String name, int rate, double achieved, Histogram histogram) {
            long requests = accepted.get() + rejected.get() + errors.get();
            return new PhaseResult(name, rate, achieved, requests, accepted.get(), rejected.get(), errors.get(), histogram);
        }
    }
}
