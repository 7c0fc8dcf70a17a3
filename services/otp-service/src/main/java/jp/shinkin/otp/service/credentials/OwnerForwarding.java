package jp.shinkin.otp.service.credentials;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.service.api.Problems;

/**
 * Sends a request on to the instance that owns the contract and relays its answer as it is.
 * An owner that does not answer becomes E5030 with Retry-After.
 */
@Singleton
public class OwnerForwarding {
    public static final String FORWARDED = "X-Otp-Forwarded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HttpRequest.Builder request(String owner, String path, String authorization, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://" + owner + path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header(FORWARDED, "true");
    }

    public CompletableFuture<MutableHttpResponse<?>> send(HttpRequest request) {
        return http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                .<MutableHttpResponse<?>>thenApply(r -> HttpResponse.status(HttpStatus.valueOf(r.statusCode()))
                        .body(r.body())
                        .contentType(r.headers().firstValue("Content-Type").orElse("application/json")))
                .exceptionally(e -> Problems.unavailable("the owning instance did not answer; retry shortly"));
    }
}
