package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.platform.local.IdentityProvider;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.Test;

/**
 * The reference web channel and the operations console in a real browser: the Playwright tests
 * under src/test/browser (Node, playwright-core, Debian's headless Chromium) against one service
 * instance of the real platform, on the test clock. Operators sign in to the console at a real
 * Keycloak with the local realm (infra/identity), as on the local platform. Screenshots land in
 * target/screenshots.
 */
@PlatformTest
class WebChannelBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Path REALM = Path.of("../../infra/identity/shinkin-staff-realm.json");

    @Test
    void everyCustomerFlowAndConsoleActionWorksInChromium() throws Exception {
        Path chromium = BrowserToolchain.chromium();
        Path work = BrowserToolchain.prepare();
        Files.createDirectories(SCREENSHOTS);
        int port = Ports.anyFree();
        try (TestPlatform slice = new TestPlatform();
             IdentityProvider keycloak = new IdentityProvider(REALM, Files.createTempDirectory("keycloak"),
                     Ports.anyFree(), "http://localhost:" + port).launch();
             ServiceInstance service = new ServiceInstance(withIssuer(slice.instance(port), keycloak), slice.clock);
             ClockControl clock = new ClockControl(slice.clock)) {
            service.awaitHealthy();
            assertThat(keycloak.awaitReady(Duration.ofMinutes(4))).as("Keycloak ready; see " + keycloak.log()).isTrue();
            System.out.printf("[browser] Keycloak %s ready %.1f s after its start%n", IdentityProvider.VERSION,
                    keycloak.secondsSinceLaunch());
            ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec",
                    "--test-timeout=300000",
                    "customer.test.mjs", "console.test.mjs")
                    .directory(work.toFile())
                    .redirectErrorStream(true);
            node.environment().putAll(Map.of(
                    "OTP_BASE_URL", "http://localhost:" + port,
                    "OTP_CLOCK_URL", clock.uri().toString(),
                    "OTP_CHANNEL_KEY", HttpCalls.CHANNEL_KEY,
                    "OTP_OPERATIONS_KEY", HttpCalls.OPERATIONS_KEY,
                    "OTP_IDP_URL", URI.create(keycloak.issuer()).resolve("/").toString(),
                    "OTP_CHROMIUM", chromium.toString(),
                    "OTP_SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString()));
            Process process = node.start();
            Deque<String> tail = new ArrayDeque<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println("[browser] " + line);
                    tail.addLast(line);
                    if (tail.size() > 200) {
                        tail.removeFirst();
                    }
                }
            }
            boolean ended = process.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended && process.exitValue() == 0).as("browser tests passed:\n" + String.join("\n", tail)).isTrue();
            assertThat(String.join("\n", tail)).contains("ℹ fail 0");
        }
        try (var shots = Files.list(SCREENSHOTS)) {
            List<String> names = shots.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).contains("customer-06-register-done-00001.png", "customer-17-device-change-done-00003.png",
                    "customer-22-stop-done-00002.png", "console-07-reset-requested.png", "console-10-reset-approved.png", "console-11-alerts.png");
        }
    }

    private static Map<String, Object> withIssuer(Map<String, Object> properties, IdentityProvider keycloak) {
        properties.put("otp.staff-identity.issuer", keycloak.issuer());
        return properties;
    }
}
