package jp.shinkin.otp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a small real HTTP server, and the verdict on what it measured. */
class HttpLoadTest {
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/verifications", exchange -> {
            exchange.getRequestBody().readAllBytes();
            served.incrementAndGet();
            boolean known = "Bearer right-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int answer = known ? status : 401;
            byte[] body = (answer == 200 ? "{\"result\":\"ACCEPTED\",\"code\":\"00000\"}" : "{\"code\":\"E4010\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private BenchSettings settings(String key) {
        return BenchSettings.parse(new String[] {"--base-url=http://127.0.0.1:" + server.getAddress().getPort(),
                "--api-key=" + key, "--out=" + Path.of("target", "bench-test")});
    }

    private static BenchContracts contracts(int n) {
        String[] ids = new String[n];
        byte[][] seeds = new byte[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = "C-" + i;
            seeds[i] = new byte[20];
        }
        return new BenchContracts(ids, seeds);
    }

    @Test
    void aRunWithTheRightKeyIsMeasuredAndPasses() throws Exception {
        try (HttpLoad load = new HttpLoad(settings("right-key"), contracts(2000), 8)) {
            PhaseResult open = load.fixedRate("rate-200", 200, 2, 0);
            PhaseResult closed = load.maximum("maximum", 1, 8, 0);
            assertThat(open.requests()).isEqualTo(400);
            assertThat(open.accepted()).isEqualTo(400);
            assertThat(closed.accepted()).isPositive().isEqualTo(closed.requests());
            assertThat(served.get()).isEqualTo(open.requests() + closed.requests());
            assertThat(BenchVerdict.failure(List.of(open, closed))).isEmpty();
        }
    }

    @Test
    void aRunWhoseRequestsFailSaysSoInsteadOfPrintingARate() throws Exception {
        try (HttpLoad load = new HttpLoad(settings("wrong-key"), contracts(2000), 8)) {
            PhaseResult phase = load.fixedRate("rate-200", 200, 1, 0);
            assertThat(phase.errors()).isEqualTo(200);
            assertThat(phase.statuses()).containsEntry(401, 200L);
            assertThat(BenchVerdict.failure(List.of(phase))).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("error: phase rate-200: 200 of 200 requests failed").contains("401=200"));
        }
    }

    @Test
    void moreThanOnePercentOfServerErrorsFailsTheRun() throws Exception {
        status = 503;
        try (HttpLoad load = new HttpLoad(settings("right-key"), contracts(2000), 8)) {
            PhaseResult phase = load.maximum("maximum", 1, 8, 0);
            assertThat(BenchVerdict.failure(List.of(phase))).isPresent();
        }
    }

    @Test
    void theHttpFloorIsTheSameEndpointAnswered401() throws Exception {
        try (HttpLoad load = new HttpLoad(settings("right-key"), contracts(10), 4)) {
            PhaseResult floor = load.floor("http-floor", 1, 4);
            assertThat(floor.requests()).isPositive();
            assertThat(floor.statuses()).containsOnlyKeys(401);
        }
    }

    @Test
    void theCpuOfAProcessIsReadFromProc() {
        ProcessCpu cpu = ProcessCpu.of(Map.of("server", server.getAddress().getPort()));
        assertThat(cpu.pids()).containsEntry("server", ProcessHandle.current().pid())
                .containsEntry("load generator", ProcessHandle.current().pid());
        assertThat(cpu.seconds().get("load generator")).isPositive();
    }
}
