package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shinkin.otp.domain.otp.Base32;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;

/** Contracts with a registered token, made through the public API of a running instance. */
final class SeededContracts {
    private SeededContracts() {
    }

    /**
     * {@code count} contracts {@code prefix + i}, registered four at a time (each password hash
     * takes 19 MiB: more at once would not fit a test instance's heap); their seeds by contract ID.
     */
    static Map<String, byte[]> seed(HttpClient http, String baseUrl, String prefix, int count) {
        Map<String, byte[]> seeds = new ConcurrentHashMap<>();
        ExecutorService four = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String contract = prefix + i;
                all.add(CompletableFuture.runAsync(() -> seeds.put(contract, register(http, baseUrl, contract)), four));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            four.shutdownNow();
        }
        return Map.copyOf(seeds);
    }

    private static byte[] register(HttpClient http, String baseUrl, String contract) {
        // A platform just started may answer E5030 ("retry shortly") while its transactions find their
        // coordinators: the seeding retries as any client does, where a retry is harmless.
        String token = postRetrying(http, baseUrl, "/v1/tokens", "dev-channel-key", "{\"platform\":\"mobile\"}");
        byte[] seed = Base32.decode(member(token, "secret"));
        String opened = postRetrying(http, baseUrl, "/v1/ops/contracts", "dev-operations-key",
                "{\"contractId\":\"" + contract + "\",\"password\":\"Fault-Pass-1\"}");
        assertThat(opened).as("opened (E1010: an earlier attempt answered E5030 was decided)").containsAnyOf("00000", "E1010");
        String registration = member(postRetrying(http, baseUrl, "/v1/otp/registrations", "dev-channel-key",
                "{\"contractId\":\"" + contract + "\",\"password\":\"Fault-Pass-1\"}"), "registrationId");
        assertThat(post(http, baseUrl, "/v1/otp/registrations/" + registration + "/complete", "dev-channel-key",
                "{\"tokenId\":\"" + member(token, "tokenId") + "\",\"otp\":\""
                        + Totp.codeAt(seed, Instant.now(), TotpParameters.DEFAULT) + "\"}")).contains("00001");
        return seed;
    }

    /** {@link #post}, again while the answer is E5030, for at most 30 s. */
    private static String postRetrying(HttpClient http, String baseUrl, String path, String key, String body) {
        AtomicReference<String> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> !answer.updateAndGet(previous -> post(http, baseUrl, path, key, body)).contains("\"E5030\""));
        return answer.get();
    }

    static String post(HttpClient http, String baseUrl, String path, String key, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }
}
