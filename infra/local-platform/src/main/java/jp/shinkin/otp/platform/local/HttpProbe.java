package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Waits for an HTTP endpoint to answer as expected, with a deadline (never a blind sleep). */
final class HttpProbe {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpProbe() {
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls until {@code ok} accepts the response, the process dies, or the deadline passes.
     *
     * @return true when ready
     */
    static boolean awaitReady(URI uri, Predicate<HttpResponse<String>> ok, Duration timeout, ChildProcess process)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                return false;
            }
            try {
                if (ok.test(get(uri))) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200); // polling interval between probes, bounded by the deadline above
        }
        return false;
    }
}
