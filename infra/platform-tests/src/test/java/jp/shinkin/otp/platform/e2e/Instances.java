package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/** Waits on service instances run as their own JVMs. */
final class Instances {
    private Instances() {
    }

    /** Until {@code /health} answers 200; fails at once, with the instance's log, if the process died. */
    static void awaitHealthy(HttpClient http, ServiceProcess p, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            assertThat(p.alive()).as("see " + p.log + ":\n" + (Files.exists(p.log) ? Files.readString(p.log) : "")).isTrue();
            return http.send(HttpRequest.newBuilder(URI.create(p.baseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
    }
}
