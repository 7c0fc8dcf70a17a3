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
    private static final java.util.List<String> RELAYED_HEADERS = java.util.List.of("Retry-After", "X-Session-Id",
            "WWW-Authenticate", "Location");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Instances talk to each other the way they are advertised: https when the API is served over TLS. */
    private final String scheme;

    public OwnerForwarding(CredentialsConfiguration config) {
        this.scheme = URI.create(config.getAdvertisedUrl()).getScheme();
    }

    public HttpRequest.Builder request(String owner, String path, String authorization, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + "://" + owner + path))
                .timeout(timeout)
                .header(FORWARDED, "true");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public CompletableFuture<MutableHttpResponse<?>> send(HttpRequest request) {
        return http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                .<MutableHttpResponse<?>>thenApply(r -> {
                    MutableHttpResponse<String> relayed = HttpResponse.<String>status(HttpStatus.valueOf(r.statusCode()))
                            .body(r.body())
                            .contentType(r.headers().firstValue("Content-Type").orElse("application/json"));
                    for (String name : RELAYED_HEADERS) {
                        r.headers().firstValue(name).ifPresent(v -> relayed.header(name, v));
                    }
                    return relayed;
                })
                .exceptionally(e -> Problems.unavailable("the owning instance did not answer; retry shortly"));
    }
}
