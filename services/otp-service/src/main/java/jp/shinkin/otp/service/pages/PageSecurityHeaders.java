package jp.shinkin.otp.service.pages;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import jp.shinkin.otp.service.security.StaffIdentityConfiguration;

/**
 * Browser hardening on every answer: only this site's own scripts, styles and calls (the pages
 * load nothing from elsewhere, so a CDN or an injected script is refused) - the one other place
 * the console calls is the staff identity provider's token endpoint, at the end of its sign-in -
 * no framing, no referrer, no content sniffing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class PageSecurityHeaders {
    private final String policy;

    public PageSecurityHeaders(StaffIdentityConfiguration identity) {
        this.policy = policy(identity.getIssuer());
    }

    static String policy(String issuer) {
        URI uri = URI.create(issuer);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + origin + "; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    @ResponseFilter
    public void headers(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", policy);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
    }
}
