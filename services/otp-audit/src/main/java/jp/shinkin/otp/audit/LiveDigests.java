package jp.shinkin.otp.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * The live stores' digests in contract-ID order, fetched a page at a time from
 * {@code GET /v1/ops/state-digests?after=…} as they are walked: one page in memory at most. A page
 * refused while the platform rebalances (503) is asked for again, a few times.
 */
final class LiveDigests {
    static final int PAGE = 5_000;
    private static final int ATTEMPTS = 5;

    private final AuditSettings settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ArrayDeque<Map.Entry<String, String>> page = new ArrayDeque<>();
    private String next;
    private boolean started;

    LiveDigests(AuditSettings settings) {
        this.settings = settings;
    }

    Map.Entry<String, String> peek() {
        fill();
        return page.peekFirst();
    }

    Map.Entry<String, String> next() {
        fill();
        return page.pollFirst();
    }

    private void fill() {
        // An empty page with a cursor is possible (the instances looked at records none of which count): go on.
        while (page.isEmpty() && (!started || next != null)) {
            JsonNode answer = fetch(started ? next : null);
            started = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("contracts").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                page.addLast(Map.entry(e.getKey(), e.getValue().asText()));
            }
            JsonNode cursor = answer.get("next");
            next = cursor == null || cursor.isNull() ? null : cursor.asText();
        }
    }

    private JsonNode fetch(String after) {
        URI uri = URI.create(settings.serviceUrl().replaceAll("/+$", "") + "/v1/ops/state-digests?limit=" + PAGE
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + settings.operationsKey())
                .timeout(Duration.ofMinutes(2)).GET().build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return json.readTree(answer.body());
                }
                if (answer.statusCode() != 503 || attempt == ATTEMPTS) {
                    throw new IllegalStateException("the platform did not give the live digests: HTTP " + answer.statusCode()
                            + " " + oneLine(answer.body()));
                }
                Thread.sleep(2_000L * attempt);
            } catch (IOException e) {
                throw new IllegalStateException("the platform at " + settings.serviceUrl() + " did not answer: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static String oneLine(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
