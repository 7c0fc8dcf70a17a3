package jp.shinkin.otp.service.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.net.URI;

/**
 * Cross-site request forgery guard for the web channel: a browser names the page's origin in
 * {@code Origin} and the kind of request in {@code Sec-Fetch-Site}; both must say "this site".
 * (Together with the JSON-only bodies and the SameSite=Strict cookie.)
 */
final class SameOrigin {
    private SameOrigin() {
    }

    static boolean check(HttpRequest<?> request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        try {
            URI uri = URI.create(origin);
            return host != null && uri.getAuthority() != null && uri.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
