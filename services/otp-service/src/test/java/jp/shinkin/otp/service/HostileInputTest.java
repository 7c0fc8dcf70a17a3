package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jp.shinkin.otp.service.api.ApiCodes;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * 10,000+ generated hostile requests against every endpoint: broken and wrong-typed JSON, missing
 * and extra fields, huge bodies, overlong and control-character IDs, non-ASCII digits, header
 * abuse, wrong or missing keys, role misuse. Every answer: no 5xx, in time, problem+json whose
 * code matches its status; the platform healthy afterwards. One named case per kind of mutation, on
 * one running service; seeded, so a failure replays.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    private static final long SEED = 20261122L;
    private static final int REQUESTS = 10_400;

    /** An endpoint, its role's key and a valid body to mutate. */
    private record Endpoint(String method, String path, String key, String body) {
    }

    /** An operator's access token: only a person resets, suspends or unlocks. */
    private static final String OPERATOR = HttpCalls.staffToken("hostile-operator", "Hostile Tester", "operator");
    private static final String APPROVER = HttpCalls.staffToken("hostile-approver", "Hostile Checker", "approver");
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/tokens", HttpCalls.CHANNEL_KEY, "{\"platform\":\"mobile\"}"),
            new Endpoint("POST", "/v1/sessions", HttpCalls.CHANNEL_KEY, "{\"contractId\":\"H-1\",\"password\":\"pw\"}"),
            new Endpoint("POST", "/v1/sessions/challenges/H-1.AAAAAAAAAAAAAAAAAAAAAA", HttpCalls.CHANNEL_KEY, "{\"otp\":\"123456\"}"),
            new Endpoint("POST", "/v1/otp/registrations", HttpCalls.CHANNEL_KEY, "{\"contractId\":\"H-1\",\"password\":\"pw\"}"),
            new Endpoint("POST", "/v1/otp/registrations/H-1.AAAAAAAAAAAAAAAAAAAAAA/current-token", HttpCalls.CHANNEL_KEY,
                    "{\"otp\":\"123456\"}"),
            new Endpoint("POST", "/v1/otp/registrations/H-1.AAAAAAAAAAAAAAAAAAAAAA/complete", HttpCalls.CHANNEL_KEY,
                    "{\"tokenId\":\"SKMT00000001\",\"otp\":\"123456\"}"),
            new Endpoint("POST", "/v1/otp/stops", HttpCalls.CHANNEL_KEY, "{\"contractId\":\"H-1\",\"password\":\"pw\"}"),
            new Endpoint("POST", "/v1/otp/stops/H-1.AAAAAAAAAAAAAAAAAAAAAA/complete", HttpCalls.CHANNEL_KEY, "{\"otp\":\"123456\"}"),
            new Endpoint("PUT", "/v1/contracts/H-1/login-otp", HttpCalls.CHANNEL_KEY, "{\"required\":false,\"otp\":\"123456\"}"),
            new Endpoint("PUT", "/v1/contracts/H-1/transfer-limit", HttpCalls.CHANNEL_KEY,
                    "{\"dailyLimit\":\"1000\",\"currency\":\"JPY\",\"otp\":\"123456\"}"),
            new Endpoint("POST", "/v1/transfers/authorizations", HttpCalls.CHANNEL_KEY,
                    "{\"fromAccount\":\"1\",\"toAccount\":\"2\",\"amount\":\"1\",\"currency\":\"JPY\",\"otp\":\"123456\"}"),
            new Endpoint("POST", "/v1/verifications", HttpCalls.CHANNEL_KEY,
                    "{\"contractId\":\"H-1\",\"otp\":\"123456\",\"purpose\":\"LOGIN\",\"context\":{\"clientIp\":\"1.2.3.4\"}}"),
            new Endpoint("POST", "/v1/ops/contracts", HttpCalls.OPERATIONS_KEY,
                    "{\"contractId\":\"H-2\",\"password\":\"pw\"}"),
            new Endpoint("POST", "/v1/ops/contracts/bulk", HttpCalls.OPERATIONS_KEY,
                    "{\"contracts\":[{\"contractId\":\"H-3\",\"passwordHash\":\"x\"}]}"),
            new Endpoint("POST", "/v1/ops/contracts/H-1/token-reset", OPERATOR, "{\"reason\":\"r\"}"),
            new Endpoint("POST", "/v1/ops/contracts/H-1/token-suspension", OPERATOR, "{\"reason\":\"LOST\"}"),
            new Endpoint("POST", "/v1/ops/contracts/H-1/unlock", OPERATOR, "{\"reason\":\"r\"}"),
            new Endpoint("POST", "/v1/ops/contracts/H-1/approvals/0b5f3c8e-9d7a-4c1e-8f00-1a2b3c4d5e6f", APPROVER,
                    "{\"decision\":\"approve\",\"reason\":\"r\"}"),
            new Endpoint("GET", "/v1/ops/contracts/H-1", HttpCalls.OPERATIONS_KEY, ""),
            new Endpoint("GET", "/v1/ops/contracts/H-1/events", HttpCalls.OPERATIONS_KEY, ""),
            new Endpoint("GET", "/v1/ops/alerts", HttpCalls.OPERATIONS_KEY, ""),
            new Endpoint("POST", "/v1/ops/tokens/imports", HttpCalls.OPERATIONS_KEY, "<KeyContainer/>"));

    private static final String[] HOSTILE_STRINGS = {"", " ", "a".repeat(5000), "\u0000\u0001\u001f", "１２３４５６", "١٢٣٤٥٦",
        "12345６", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://x/a}", "\uD800", "null",
        "-1", "1e309", "H-1\r\nX-Injected: 1", "日本語の契約者"};

    /** The mutations, by the {@code kind} {@link #hostile} applies; each is a named case of its own. */
    private static final List<String> MUTATIONS = List.of("a truncated body", "random bytes for a body",
            "wrong-typed fields", "a missing field", "extra and nested fields", "a body over the size limit",
            "hostile strings in every field", "hostile or overlong IDs in the path", "a missing or overlong API key",
            "the other role's API key", "a body that is not JSON", "overlong and non-ASCII headers", "a method the path lacks",
            "an unknown path");

    private TestPlatform slice;
    private ServiceInstance service;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();

    @BeforeAll
    void start() {
        slice = new TestPlatform();
        Map<String, Object> properties = slice.instanceWithCheapPasswords();
        properties.put("otp.credentials.reply-timeout", "2s");
        service = new ServiceInstance(properties, slice.clock);
        service.awaitHealthy();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (slice != null) {
            slice.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyMutationGetsOnlyProblemAnswers() {
        return IntStream.range(0, MUTATIONS.size()).mapToObj(kind -> DynamicTest.dynamicTest(MUTATIONS.get(kind),
                () -> corpus(random -> kind, MUTATIONS.get(kind), SEED + kind, REQUESTS / MUTATIONS.size())));
    }

    /** All kinds at once: normal requests in flight while the server closes oversized requests' connections. */
    @Test
    @Order(2)
    void allMutationsInterleavedGetOnlyProblemAnswers() throws Exception {
        corpus(random -> random.nextInt(MUTATIONS.size()), "interleaved", SEED, REQUESTS / MUTATIONS.size());
    }

    @Test
    @Order(3)
    void theCorpusReachedTheErrorCodesAndThePlatformStillServes() throws Exception {
        assumeTrue(sent.get() > 0, "runs after the corpus cases");
        System.out.println("hostile corpus: " + answered.get() + " requests, statuses " + statuses);
        assertThat(answered.get()).isEqualTo(sent.get());
        assertThat(statuses.keySet()).as("the corpus reaches the error codes").contains(400, 401, 403, 404, 405, 413, 415);
        assertThat(service.http().get("/health", null).statusCode()).as("healthy afterwards").isEqualTo(200);
        assertThat(new Banking(service, slice).provision("mobile").tokenId()).as("and still serving").startsWith("SKMT");
    }

    /**
     * Sends {@code n} requests, each of the mutation {@code kinds} picks, to random endpoints, 12 at a
     * time; seeded, so a failure replays.
     */
    private void corpus(ToIntFunction<Random> kinds, String name, long seed, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // The server answers an oversized body or header and then closes that connection (it will not read
        // the rest); those requests get their own client, so no other request is sent on a closing connection.
        HttpClient oversized = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(seed);
        List<HttpRequest> requests = new ArrayList<>();
        List<Boolean> large = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Endpoint e = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            int kind = kinds.applyAsInt(random);
            labels.add(i + ": " + e.method() + " " + e.path() + " " + MUTATIONS.get(kind));
            large.add(kind == 5 || kind == 7 || kind == 11 || kind == 13);
            requests.add(hostile(service.uri(), e, kind, random));
        }
        sent.addAndGet(n);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        Map<String, String> failures = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
        AtomicInteger resent = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                int k = i;
                done.add(pool.submit(() -> {
                    try {
                        HttpResponse<String> r;
                        try {
                            r = (large.get(k) ? oversized : http).send(requests.get(k), HttpResponse.BodyHandlers.ofString());
                        } catch (IOException closed) {
                            if (!large.get(k) || !String.valueOf(closed.getMessage()).contains("received no bytes")) {
                                throw closed;
                            }
                            // Sent on a connection the server had just closed after another oversized request:
                            // the same request again on a new connection must get its answer.
                            resent.incrementAndGet();
                            r = HttpClient.newHttpClient().send(requests.get(k), HttpResponse.BodyHandlers.ofString());
                        }
                        seen.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        String problem = check(r);
                        if (problem != null) {
                            failures.put(labels.get(k), problem);
                        }
                    } catch (HttpTimeoutException e) {
                        failures.put(labels.get(k), "hung: no answer within 15 s");
                    } catch (Exception e) {
                        failures.put(labels.get(k), "transport: " + e);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        seen.forEach((status, count) -> statuses.computeIfAbsent(status, x -> new AtomicInteger()).addAndGet(count.get()));
        int total = seen.values().stream().mapToInt(AtomicInteger::get).sum();
        answered.addAndGet(total);
        assertThat(failures).as("%s: statuses %s, resent on a new connection %d", name, seen, resent.get())
                .isEmpty();
        assertThat(total).isEqualTo(n);
    }

    /** Null when the answer is acceptable; else why not. */
    private static String check(HttpResponse<String> r) {
        int status = r.statusCode();
        if (status >= 500 && status != 503) {
            return "5xx: " + status + " " + r.body();
        }
        if (status < 300) {
            return null;
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "not problem+json: " + status + " " + type + " " + r.body();
        }
        Matcher m = Pattern.compile("\"code\":\"([0-9A-Z]{5})\"").matcher(r.body());
        if (!m.find()) {
            return "no code: " + r.body();
        }
        int expected = ApiCodes.status(m.group(1)).getCode();
        if (expected != status) {
            return "code " + m.group(1) + " says " + expected + " but status is " + status;
        }
        if (r.body().contains("Exception") || r.body().contains("at jp.") || r.body().contains("at io.")) {
            return "leaks internals: " + r.body();
        }
        return null;
    }

    private static HttpRequest hostile(URI base, Endpoint e, int kind, Random random) {
        String path = e.path();
        String key = e.key();
        String body = e.body();
        String contentType = e.path().contains("imports") ? "application/pskc+xml" : "application/json";
        String method = e.method();
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(Duration.ofSeconds(15));
        switch (kind) {
            case 0 -> body = body.isEmpty() ? "{" : body.substring(0, random.nextInt(body.length()));
            case 1 -> body = randomJunk(random, 1 + random.nextInt(300));
            case 2 -> body = body.replaceAll("\"[^\"]*\"(\\s*[,}])", random.nextBoolean() ? "12345$1" : "[1,2]$1");
            case 3 -> body = body.replaceFirst("\"\\w+\":\"[^\"]*\",?", "");
            case 4 -> body = body.replaceFirst("\\{", "{\"extra\":{\"nested\":[1,2,{\"deep\":true}]},\"__proto__\":1,");
            case 5 -> body = "{\"otp\":\"" + "1".repeat(70_000 + random.nextInt(30_000)) + "\"}";
            case 6 -> body = body.replaceAll(":\"[^\"]*\"", Matcher.quoteReplacement(
                    ":\"" + escape(HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)]) + "\""));
            case 7 -> path = path.replace("H-1", encode(HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)]))
                    .replace("AAAAAAAAAAAAAAAAAAAAAA", "A".repeat(1 + random.nextInt(3000)));
            case 8 -> key = random.nextBoolean() ? null : "x".repeat(random.nextInt(600));
            case 9 -> key = key.equals(HttpCalls.CHANNEL_KEY) ? HttpCalls.OPERATIONS_KEY : HttpCalls.CHANNEL_KEY;
            case 10 -> contentType = random.nextBoolean() ? "text/plain" : "application/x-www-form-urlencoded";
            case 11 -> b.header("X-Session-Id", "A".repeat(random.nextInt(7000))).header("Idempotency-Key",
                    HOSTILE_STRINGS[random.nextInt(3)].isEmpty() ? "k" : "\u00e9".repeat(50));
            case 12 -> method = method.equals("GET") ? "DELETE" : "PATCH";
            default -> path = "/v1/" + encode(HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)]) + "/x";
        }
        b.uri(base.resolve(path));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (!body.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return b.build();
    }

    private static String randomJunk(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return s.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
