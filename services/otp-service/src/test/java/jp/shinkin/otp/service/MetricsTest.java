package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/ops/metrics} after a journey: the platform's meters, Kafka Streams', the JVM's, in
 * the Prometheus text format, to the operations side only; and every series the alert rules and
 * the Grafana dashboard in {@code infra/monitoring} use is there, so they cannot silently drift.
 */
class MetricsTest extends OneInstanceTest {
    private static final Path MONITORING = Path.of(System.getProperty("otp.home", "../.."), "infra/monitoring");

    @Override
    Map<String, Object> properties(TestPlatform platform) {
        return platform.instanceWithCheapPasswords();
    }

    private String scrape() throws Exception {
        HttpResponse<String> answer = bank.http().get("/v1/ops/metrics", HttpCalls.OPERATIONS_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return answer.body();
    }

    @Test
    void aJourneyShowsInTheMetricsAndOnlyTheOperationsSideMayReadThem() throws Exception {
        Banking.Token token = bank.registered("M-1", "Metrics-Pass-1");
        assertThat(bank.verify("M-1", bank.code(token), "LOGIN").code()).isEqualTo("00000");
        assertThat(bank.verify("M-1", bank.code(token), "LOGIN").code()).isEqualTo("E1008");

        // GC pause timers appear with the first collection: have one, and wait (bounded) for its meter.
        System.gc();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().contains("jvm_gc_pause_seconds_sum"));
        String metrics = scrape();
        Files.writeString(Path.of("target/metrics-scrape.txt"), metrics);
        assertThat(metrics)
                .contains("otp_verification_seconds_bucket{code=\"00000\",purpose=\"LOGIN\"")
                .contains("otp_verification_seconds_count{code=\"E1008\",purpose=\"LOGIN\"} 1")
                .containsPattern("otp_decisions_total\\{code=\"00000\",command=\"VerifyOtp\"[^}]*} 1")
                .contains("otp_unavailable_total{", "otp_rate_limited_total{", "otp_locks_total{", "otp_forwards_total")
                .contains("kafka_stream_thread_process_rate{", "application=\"credentials\"", "application=\"fraud\"")
                .contains("kafka_consumer_fetch_manager_records_lag_max{") // per partition: after Micrometer's first refresh (60 s)
                .contains("jvm_memory_used_bytes{", "jvm_gc_", "http_server_requests_seconds_count{");
        assertThat(bank.http().get("/v1/ops/metrics", HttpCalls.CHANNEL_KEY).statusCode()).isEqualTo(403);
        assertThat(bank.http().get("/v1/ops/metrics", null).statusCode()).isEqualTo(401);

        Set<String> missing = new TreeSet<>();
        for (String used : seriesUsedBy(MONITORING.resolve("alerts.yml"), MONITORING.resolve("grafana/otp-platform.json"))) {
            if (!metrics.contains(used)) {
                missing.add(used);
            }
        }
        assertThat(missing).as("series the alert rules or the dashboard use that the service does not expose").isEmpty();
    }

    /** Every metric name (otp_, kafka_, jvm_, http_, process_) an alert rule or a dashboard panel queries. */
    private static Set<String> seriesUsedBy(Path... files) throws Exception {
        Pattern name = Pattern.compile("\\b((?:otp|kafka|jvm|http|process|system)_[a-z0-9_]+)");
        Set<String> used = new TreeSet<>();
        for (Path file : files) {
            Matcher m = name.matcher(Files.readString(file));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).isNotEmpty();
        return used;
    }
}
