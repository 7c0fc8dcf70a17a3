package jp.shinkin.otp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Does a wrong code answer in the same time as a right one? One request at a time (no queueing),
 * right and wrong interleaved in random order per contract, each contract once each (so no lockout
 * and no replay). Reports both latency distributions and a bootstrap 95% interval for the
 * difference of their medians: {@code infra/bench/timing [--contracts=3000]}.
 */
public final class TimingComparison {
    private TimingComparison() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args.length == 0 ? new String[] {"--contracts=3000"} : args);
        Serde<SpecificRecord> wire = new AvroSerdes(RegistrySettings.forBaseUrl(settings.registryUrl())).valueSerde(Topics.EVENTS);
        BenchContracts contracts = BenchContracts.seed(settings, wire);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(settings.baseUrl() + "/v1/verifications");
        Random random = new Random(42);
        int n = contracts.contractIds.length;
        // Warm-up on the first tenth, measured on the rest.
        int warm = n / 10;
        VerificationBenchmark.awaitNextStep();
        List<Long> right = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean rightFirst = random.nextBoolean();
            for (int k = 0; k < 2; k++) {
                boolean isRight = (k == 0) == rightFirst;
                String code = contracts.code(i, Instant.now());
                String sent = isRight ? code : String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + settings.apiKey())
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"contractId\":\"" + contracts.contractIds[i] + "\",\"otp\":\"" + sent + "\",\"purpose\":\"LOGIN\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - t) / 1000;
                String expected = isRight ? "ACCEPTED" : "E1002";
                if (!r.body().contains(expected)) {
                    continue; // a step boundary between the two requests (E1008); not a sample of either class
                }
                if (i >= warm) {
                    (isRight ? right : wrong).add(micros);
                }
            }
        }
        long[] a = right.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] b = wrong.stream().mapToLong(Long::longValue).sorted().toArray();
        double[] ci = bootstrapMedianDifference(a, b, 2000, new Random(7));
        String report = String.format(Locale.ROOT, """
                timing of POST /v1/verifications, one request at a time (%s cores)
                right code: n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms
                wrong code: n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms
                median(wrong) - median(right) = %.3f ms, bootstrap 95%% interval [%.3f, %.3f] ms; ratio of medians %.3f
                """, Runtime.getRuntime().availableProcessors(), a.length, q(a, 50), q(a, 90), q(a, 99), b.length, q(b, 50),
                q(b, 90), q(b, 99), (median(b) - median(a)) / 1000.0, ci[0] / 1000.0, ci[1] / 1000.0, median(b) / median(a));
        System.out.print(report);
        Files.createDirectories(settings.output());
        Files.writeString(settings.output().resolve("timing-right-vs-wrong.txt"), report);
        System.exit(0);
    }

    private static double q(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private static double median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double[] bootstrapMedianDifference(long[] a, long[] b, int rounds, Random random) {
        double[] diffs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            diffs[r] = resampledMedian(b, random) - resampledMedian(a, random);
        }
        Arrays.sort(diffs);
        return new double[] {diffs[(int) (rounds * 0.025)], diffs[(int) (rounds * 0.975)]};
    }

    private static double resampledMedian(long[] xs, Random random) {
        long[] s = new long[xs.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = xs[random.nextInt(xs.length)];
        }
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
