package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soft token CLI against the platform the README starts: provision a token from the issuer,
 * register it to a contract with the code the CLI prints, and see login ask for a code.
 */
class SoftTokenIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aProvisionedTokenRegistersWithTheCodeTheCliPrints(@TempDir Path data, @TempDir Path tokens) throws Exception {
        try (LaunchedPlatform platform = new LaunchedPlatform(data)) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
                    .until(() -> platform.ready() || !platform.alive());
            assertThat(platform.ready()).as(platform.console()).isTrue();

            String provisioned = cli(tokens, "provision", "--url", platform.baseUrl(), "--api-key", "dev-channel-key");
            Matcher id = Pattern.compile("token ID  (SKMT[0-9]{8})").matcher(provisioned);
            assertThat(id.find()).as(provisioned).isTrue();
            String tokenId = id.group(1);
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(tokens.resolve(tokenId + ".token")))).isEqualTo("rw-------");

            assertThat(post(platform, "/v1/ops/contracts", "dev-operations-key",
                    "{\"contractId\":\"CLI-1\",\"password\":\"Pass-CLI-1\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> start = post(platform, "/v1/otp/registrations", "dev-channel-key",
                    "{\"contractId\":\"CLI-1\",\"password\":\"Pass-CLI-1\"}");
            String registrationId = member(start.body(), "registrationId");
            String code = cli(tokens, "code", "--plain").strip();
            assertThat(code).matches("[0-9]{6}");
            HttpResponse<String> complete = post(platform, "/v1/otp/registrations/" + registrationId + "/complete",
                    "dev-channel-key", "{\"tokenId\":\"" + tokenId + "\",\"otp\":\"" + code + "\"}");
            assertThat(complete.body()).isEqualTo("{\"code\":\"00001\"}");

            HttpResponse<String> login = post(platform, "/v1/sessions", "dev-channel-key",
                    "{\"contractId\":\"CLI-1\",\"password\":\"Pass-CLI-1\"}");
            assertThat(login.body()).contains("\"status\":\"OTP_REQUIRED\"");
            assertThat(platform.terminate()).isLessThan(Duration.ofSeconds(10));
        }
    }

    private String cli(Path tokens, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", LaunchedPlatform.HOME.resolve("services/otp-softtoken/target/otp-softtoken.jar").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", tokens.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private HttpResponse<String> post(LaunchedPlatform platform, String path, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }
}
