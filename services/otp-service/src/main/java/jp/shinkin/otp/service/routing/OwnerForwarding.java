package jp.shinkin.otp.service.routing;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.hosting.AdvertisedAddress;

/**
 * Sends a request on to the instance that owns the contract and relays its answer as it is.
 * An owner that does not answer becomes E5030 with Retry-After.
 */
@Singleton
public class OwnerForwarding {
    public static final String FORWARDED = ForwardedHeader.NAME;
    /** Headers a forwarded request keeps. */
    private static final List<String> FORWARDED_HEADERS = List.of("Authorization", "Content-Type",
            "Idempotency-Key", "X-Session-Id");
    private static final List<String> RELAYED_HEADERS = List.of("Retry-After", "X-Session-Id",
            "WWW-Authenticate", "Location");

    private final HttpClient http;
    /** Instances talk to each other the way they are advertised: https when the API is served over TLS. */
    private final String scheme;

    private final ForwardedHeader forwardedHeader;

    public OwnerForwarding(AdvertisedAddress address, ForwardedHeader forwardedHeader, PeerTls tls) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        tls.context().ifPresent(client::sslContext);
        this.http = client.build();
        this.scheme = URI.create(address.getAdvertisedUrl()).getScheme();
        this.forwardedHeader = forwardedHeader;
    }

    /** Whether {@code request} was forwarded by another instance of this cluster (a client's claim is not enough). */
    public boolean isForwarded(io.micronaut.http.HttpRequest<?> request) {
        return forwardedHeader.isValid(request);
    }

    /** A {@code method} request to {@code owner}, marked as forwarded; the caller sets the same method and its body. */
    public HttpRequest.Builder request(String owner, String method, String path, String authorization, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + "://" + owner + path))
                .timeout(timeout)
                .header(FORWARDED, forwardedHeader.sign(method, path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** A request on to the owner carrying the caller's headers that matter there, and nothing else of the caller's. */
    public HttpRequest.Builder requestFrom(io.micronaut.http.HttpRequest<?> caller, String owner, String method, String path,
                                           Duration timeout) {
        HttpRequest.Builder builder = request(owner, method, path, null, timeout);
        for (String name : FORWARDED_HEADERS) {
            String value = caller.getHeaders().get(name);
            if (value != null) {
                builder.setHeader(name, value);
            }
        }
        return builder;
    }

    /** The raw answer, without waiting on this thread: for asking several instances at once. */
    public CompletableFuture<java.net.http.HttpResponse<String>> sendRawAsync(HttpRequest request) {
        return http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A blocking call to another instance over the cluster's client (its TLS identity included), answer as it is. */
    public java.net.http.HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
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
