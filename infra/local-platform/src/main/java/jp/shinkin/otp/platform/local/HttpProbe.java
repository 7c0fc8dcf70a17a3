package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return poll(uri, timeout, process, answer -> ok.test(answer) ? Verdict.READY : Verdict.WAIT);
    }

    private static final Pattern RESTORED = Pattern.compile("\"restored\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    /**
     * Waits for a service's health to answer 200. A service restoring its stores (health details
     * {@code restoring}: records restored of the total) is waited for as long as the count moves;
     * {@code stall} is how long it may show no progress at all. Each move is told to
     * {@code progress} (restored, total), so a large restore is seen, not mistaken for a hang.
     */
    static boolean awaitServing(URI uri, Duration stall, ChildProcess process,
                                BiConsumer<Long, Long> progress) throws InterruptedException {
        long[] lastRestored = {-1};
        return poll(uri, stall, process, answer -> {
            if (answer.statusCode() == 200) {
                return Verdict.READY;
            }
            Matcher restored = RESTORED.matcher(answer.body());
            Matcher total = TOTAL.matcher(answer.body());
            if (restored.find() && total.find()) {
                long now = Long.parseLong(restored.group(1));
                if (now != lastRestored[0]) {
                    lastRestored[0] = now;
                    progress.accept(now, Long.parseLong(total.group(1)));
                    return Verdict.MOVING;
                }
            }
            return Verdict.WAIT;
        });
    }

    /** What one answer says: ready, not yet, or not yet but moving (the patience starts again). */
    private enum Verdict { READY, WAIT, MOVING }

    private static boolean poll(URI uri, Duration patience, ChildProcess process, Function<HttpResponse<String>, Verdict> judge)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                return false;
            }
            try {
                Verdict verdict = judge.apply(get(uri));
                if (verdict == Verdict.READY) {
                    return true;
                }
                if (verdict == Verdict.MOVING) {
                    deadline = Instant.now().plus(patience);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200); // polling interval between probes, bounded by the deadline above
        }
        return false;
    }
}
