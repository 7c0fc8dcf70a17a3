package jp.shinkin.otp.softtoken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A test's clock, shared with the platform under test ({@code OTP_SOFTTOKEN_CLOCK_URL}: {@code GET /now}
 * in epoch millis, {@code POST /advance?seconds=N}), so a script's "next code" moves time on instead
 * of waiting 30 s. Never used unless that variable is set.
 */
final class TestClock {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestClock(URI base) {
        this.base = base;
    }

    static TestClock fromEnvironment() {
        String url = System.getenv("OTP_SOFTTOKEN_CLOCK_URL");
        return url == null || url.isBlank() ? null : new TestClock(URI.create(url.replaceAll("/+$", "")));
    }

    Instant now() {
        return Instant.ofEpochMilli(Long.parseLong(send(HttpRequest.newBuilder(base.resolve("/now")).GET())));
    }

    void advance(long seconds) {
        send(HttpRequest.newBuilder(base.resolve("/advance?seconds=" + seconds)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the test clock at " + base + " answered " + answer.statusCode());
            }
            return answer.body().strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the test clock at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
