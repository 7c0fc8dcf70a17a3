package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;

/** Clients verifying the current login code of random contracts through the live instances, until closed. */
final class LoginVerifiers implements AutoCloseable {
    /** One answer a client got; {@code step} is the 30-s step the code was computed for. */
    record Answer(String contractId, String code, long step, Instant sent, Instant answered, int status, String body) {
        boolean accepted() {
            return status == 200 && body.contains("ACCEPTED");
        }

        /** A decision (accepted or refused with a reason), as opposed to E5030, an error or no answer. */
        boolean decided() {
            return status == 200;
        }

        /** {@code contractId@step}, as {@link CommittedEvents#loginAcceptances} counts them. */
        String key() {
            return contractId + "@" + step;
        }
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService workers;

    /** {@code clients} threads; each request goes to one of {@code baseUrls} (asked again per request). */
    LoginVerifiers(HttpClient http, int clients, Map<String, byte[]> seeds, Supplier<List<String>> baseUrls,
                   List<Answer> answers) {
        workers = Executors.newFixedThreadPool(clients);
        List<String> ids = new ArrayList<>(seeds.keySet());
        for (int w = 0; w < clients; w++) {
            workers.submit(() -> {
                while (running.get()) {
                    String contract = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    List<String> targets = baseUrls.get();
                    String target = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
                    Instant sent = Instant.now();
                    String code = Totp.codeAt(seeds.get(contract), sent, TotpParameters.DEFAULT);
                    long step = sent.getEpochSecond() / 30;
                    try {
                        HttpResponse<String> r = verify(http, target, contract, code);
                        answers.add(new Answer(contract, code, step, sent, Instant.now(), r.statusCode(), r.body()));
                    } catch (Exception e) {
                        answers.add(new Answer(contract, code, step, sent, Instant.now(), -1, String.valueOf(e)));
                    }
                }
                return null;
            });
        }
    }

    static HttpResponse<String> verify(HttpClient http, String baseUrl, String contract, String code) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/verifications"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer dev-channel-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"contractId\":\"" + contract + "\",\"otp\":\"" + code + "\",\"purpose\":\"LOGIN\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).as("no hung request").isTrue();
    }
}
