package jp.shinkin.otp.service.routing;

import io.micronaut.http.HttpRequest;

/**
 * How a request goes on to the contract's owner when this instance does not own it: the method
 * and path there, and the body (re-encoded as JSON; null for none). The caller's authorization,
 * session and Idempotency-Key go with it.
 */
public record Relay(String method, String path, Object body) {

    /** The same method and path as the caller's request, with {@code body} (the request as bound and checked). */
    public static Relay as(HttpRequest<?> request, Object body) {
        return new Relay(request.getMethodName(), request.getUri().toString(), body);
    }

    /** A read: the caller's GET, as it came. */
    public static Relay get(HttpRequest<?> request) {
        return new Relay("GET", request.getUri().toString(), null);
    }
}
