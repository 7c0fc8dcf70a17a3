package jp.shinkin.otp.web;

import io.micronaut.http.HttpHeaders;
import java.net.URI;

/**
 * Cross-site request forgery guard for the web channel: a browser names the page's origin in
 * {@code Origin} and the kind of request in {@code Sec-Fetch-Site}; both must say "this site".
 * (Together with the JSON-only bodies and the SameSite=Strict cookie.)
 */
final class SameOrigin {
    private SameOrigin() {
    }

    static boolean check(HttpHeaders headers) {
        String site = headers.get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = headers.get(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = headers.get(HttpHeaders.HOST);
        try {
            URI uri = URI.create(origin);
            return host != null && uri.getAuthority() != null && uri.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
