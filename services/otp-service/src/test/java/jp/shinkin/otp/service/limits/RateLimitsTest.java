package jp.shinkin.otp.service.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import jp.shinkin.otp.domain.fixtures.MovableClock;
import org.junit.jupiter.api.Test;

/** The three limits are separate buckets with their own sizes, all on the injected clock. */
class RateLimitsTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T06:00:00Z"));
    // Per API key: 3 at once, 1/s; per contract: 2 at once, 1/s; wrong credentials: 1 at once, 0.2/s.
    private final RateLimits limits = new RateLimits(3, 1, 2, 1, 1, 0.2, clock);

    @Test
    void aContractOutOfTokensIsRefusedWithTheTimeToWait() {
        limits.contract("C-0001");
        limits.contract("C-0001");
        assertThatThrownBy(() -> limits.contract("C-0001")).isInstanceOfSatisfying(RateLimits.RateLimited.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        assertThatCode(() -> limits.contract("C-0002")).as("another contract").doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> limits.contract("C-0001")).doesNotThrowAnyException();
    }

    @Test
    void theSameNameInDifferentLimitsDrawsFromDifferentBuckets() {
        limits.contract("shared");
        limits.contract("shared");
        assertThat(limits.apiKey("shared")).as("the API key bucket is untouched by the contract's").isEmpty();
        assertThat(limits.wrongCredential("shared")).isEmpty();
        assertThat(limits.apiKey("shared")).as("its own capacity of 3, not the contract's 2").isEmpty();
        assertThat(limits.apiKey("shared")).isEmpty();
        assertThat(limits.apiKey("shared")).isPresent();
    }

    @Test
    void anAddressSendingWrongKeysWaitsForTheSlowRefill() {
        assertThat(limits.wrongCredential("198.51.100.7")).isEmpty();
        assertThat(limits.wrongCredential("198.51.100.7")).hasValue(Duration.ofSeconds(5));
        assertThat(limits.wrongCredential("198.51.100.8")).as("another address").isEmpty();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertThat(new RateLimits.RateLimited(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimits.RateLimited(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimits.RateLimited(Duration.ofMillis(1000)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimits.RateLimited(Duration.ofMillis(1001)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new RateLimits.RateLimited(Duration.ofMillis(4500)).retryAfterSeconds()).isEqualTo(5);
    }
}
