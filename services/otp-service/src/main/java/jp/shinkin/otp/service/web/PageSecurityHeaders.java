package jp.shinkin.otp.service.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Browser hardening on every answer: only this site's own scripts, styles and calls (the pages
 * load nothing from elsewhere, so a CDN or an injected script is refused), no framing, no
 * referrer, no content sniffing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class PageSecurityHeaders {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @ResponseFilter
    public void headers(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
    }
}
