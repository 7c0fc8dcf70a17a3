package jp.shinkin.otp.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.simple.SimpleHttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forgery guard on its own: what a browser on this site sends passes, anything else does not. */
class SameOriginTest {

    private static HttpHeaders headers(Map<String, String> values) {
        SimpleHttpHeaders headers = new SimpleHttpHeaders();
        values.forEach(headers::add);
        return headers;
    }

    @Test
    void thisSitesOwnPagesPass() {
        assertThat(SameOrigin.check(headers(Map.of("Host", "bank.example:8080", "Origin", "https://bank.example:8080",
                "Sec-Fetch-Site", "same-origin")))).isTrue();
        assertThat(SameOrigin.check(headers(Map.of("Host", "bank.example")))).as("no Origin: not a cross-site browser call")
                .isTrue();
        assertThat(SameOrigin.check(headers(Map.of("Host", "bank.example", "Sec-Fetch-Site", "none")))).isTrue();
    }

    @Test
    void anotherSiteOrAMalformedOriginIsRefused() {
        assertThat(SameOrigin.check(headers(Map.of("Host", "bank.example", "Origin", "https://evil.example")))).isFalse();
        assertThat(SameOrigin.check(headers(Map.of("Host", "bank.example", "Sec-Fetch-Site", "cross-site")))).isFalse();
        assertThat(SameOrigin.check(headers(Map.of("Host", "bank.example", "Sec-Fetch-Site", "same-site")))).isFalse();
        assertThat(SameOrigin.check(headers(Map.of("Host", "bank.example", "Origin", "::not a uri::")))).isFalse();
        assertThat(SameOrigin.check(headers(Map.of("Origin", "https://bank.example")))).as("no Host to compare").isFalse();
    }
}
