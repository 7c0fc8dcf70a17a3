package jp.shinkin.otp.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import jp.shinkin.otp.domain.fixtures.MovableClock;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.hosting.AdvertisedAddress;
import jp.shinkin.otp.service.routing.ForwardedHeader;
import jp.shinkin.otp.service.routing.OwnerForwarding;
import jp.shinkin.otp.service.routing.PeerTls;
import org.junit.jupiter.api.Test;

/** The per-caller limit as the filter applies it: known callers only, forwarded requests counted once. */
class ApiKeyRateFilterTest {
    private static final String PATH = "/v1/verifications";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T06:00:00Z"));
    private final ForwardedHeader cluster = new ForwardedHeader(randomKey());
    // One request per caller at once, refilled every 5 s: the second request in a row is refused.
    private final ApiKeyRateFilter filter = new ApiKeyRateFilter(new RateLimits(1, 0.2, 20, 1, 20, 0.2, clock),
            new OwnerForwarding(new AdvertisedAddress(), cluster, new PeerTls("", "", "", "", false, "")));

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static HttpRequest<?> call(String caller, String forwardedMark) {
        MutableHttpRequest<Object> request = HttpRequest.GET(PATH);
        if (caller != null) {
            request.setAttribute(RateLimits.CALLER_ATTRIBUTE, caller);
        }
        if (forwardedMark != null) {
            request.header(ForwardedHeader.NAME, forwardedMark);
        }
        return request;
    }

    @Test
    void aCallerOutOfTokensGets429WithRetryAfterUntilTheBucketRefills() {
        assertThat(filter.limit(call("channel", null))).isNull();

        MutableHttpResponse<Problem> refused = filter.limit(call("channel", null));
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(429);
        assertThat(refused.body().code()).isEqualTo("E4290");
        assertThat(refused.getHeaders().get("Retry-After")).isEqualTo("5");
        assertThat(filter.limit(call("operations", null))).as("another caller's bucket").isNull();

        clock.advance(Duration.ofSeconds(5));
        assertThat(filter.limit(call("channel", null))).isNull();
    }

    @Test
    void aRequestWhoseCallerIsNotKnownYetIsNotCounted() {
        // Unauthenticated requests are the authentication filters' business (and the wrong-credential limit's).
        for (int i = 0; i < 3; i++) {
            assertThat(filter.limit(call(null, null))).isNull();
        }
    }

    @Test
    void aRequestForwardedByAPeerIsNotChargedASecondTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(filter.limit(call("channel", cluster.sign("GET", PATH)))).as("forwarded request %d", i + 1).isNull();
        }
        assertThat(filter.limit(call("channel", null))).as("the caller's one token is still there").isNull();
        assertThat(filter.limit(call("channel", null))).isNotNull();
    }

    @Test
    void aClientClaimingToBeForwardedIsChargedLikeAnyOther() {
        assertThat(filter.limit(call("channel", "true"))).isNull();
        assertThat(filter.limit(call("channel", "true"))).isNotNull();
        assertThat(filter.limit(call("channel", new ForwardedHeader(randomKey()).sign("GET", PATH))))
                .as("a mark signed with another cluster's key").isNotNull();
    }
}
