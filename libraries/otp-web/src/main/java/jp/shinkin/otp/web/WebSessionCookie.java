package jp.shinkin.otp.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.util.Optional;

/**
 * The platform's session token, kept in an HttpOnly, SameSite=Strict cookie scoped to the web
 * channel's API: page scripts never see it, and no other site can send it.
 */
final class WebSessionCookie {
    static final String NAME = "otp_session";
    private static final String PATH = "/web/api";

    private WebSessionCookie() {
    }

    static Optional<String> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    static Cookie holding(String token, HttpRequest<?> request) {
        return base(token, request);
    }

    static Cookie cleared(HttpRequest<?> request) {
        return base("", request).maxAge(0);
    }

    private static Cookie base(String value, HttpRequest<?> request) {
        return Cookie.of(NAME, value).path(PATH).httpOnly(true).sameSite(SameSite.Strict).secure(request.isSecure());
    }
}
