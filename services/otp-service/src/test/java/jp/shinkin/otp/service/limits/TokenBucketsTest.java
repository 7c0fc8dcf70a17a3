package jp.shinkin.otp.service.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import jp.shinkin.otp.domain.fixtures.MovableClock;
import org.junit.jupiter.api.Test;

/** Token buckets on a clock the test moves: no test waits for time to pass. */
class TokenBucketsTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T06:00:00Z"));

    @Test
    void aNewCallerMayBurstUpToTheCapacityAndIsThenToldHowLongToWait() {
        TokenBuckets buckets = new TokenBuckets(3, 1, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("channel")).as("request %d of the burst", i + 1).isEmpty();
        }
        assertThat(buckets.take("channel")).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void tokensComeBackAtTheRefillRate() {
        TokenBuckets buckets = new TokenBuckets(3, 1, clock);
        drain(buckets, "channel", 3);

        clock.advance(Duration.ofMillis(500));
        assertThat(buckets.take("channel")).as("half a token is not a token").hasValue(Duration.ofMillis(500));

        clock.advance(Duration.ofMillis(500));
        assertThat(buckets.take("channel")).isEmpty();
        assertThat(buckets.take("channel")).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedRequestCostsNothing() {
        TokenBuckets buckets = new TokenBuckets(1, 1, clock);
        drain(buckets, "channel", 1);
        // Hammering while refused must not push the caller's next token further away.
        for (int i = 0; i < 10; i++) {
            assertThat(buckets.take("channel")).hasValue(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(buckets.take("channel")).isEmpty();
    }

    @Test
    void aLongIdleTimeRefillsNoMoreThanTheCapacity() {
        TokenBuckets buckets = new TokenBuckets(3, 1, clock);
        drain(buckets, "channel", 3);
        clock.advance(Duration.ofHours(1));
        drain(buckets, "channel", 3);
        assertThat(buckets.take("channel")).isPresent();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        TokenBuckets buckets = new TokenBuckets(2, 1, clock);
        drain(buckets, "C-0001", 2);
        assertThat(buckets.take("C-0001")).isPresent();
        assertThat(buckets.take("C-0002")).isEmpty();
        assertThat(buckets.take("C-0002")).isEmpty();
        assertThat(buckets.take("C-0002")).isPresent();
    }

    @Test
    void aClockSteppingBackNeitherGrantsNorChargesTime() {
        TokenBuckets buckets = new TokenBuckets(1, 1, clock);
        drain(buckets, "channel", 1);
        // A wall clock corrected backwards (NTP) must not turn into a debt of several seconds.
        clock.advance(Duration.ofSeconds(-5));
        assertThat(buckets.take("channel")).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(6));
        assertThat(buckets.take("channel")).isEmpty();
    }

    @Test
    void floodingWithFreshKeysNeverFreesACallerWhoIsOutOfTokens() {
        TokenBuckets buckets = new TokenBuckets(1, 1, clock);
        // 100,000 is TokenBuckets' purge threshold: the next take past it sweeps the map.
        for (int i = 0; i < 100_000; i++) {
            buckets.take("flood-" + i);
        }
        clock.advance(Duration.ofSeconds(1));
        drain(buckets, "guesser", 1);
        buckets.take("one-more");
        assertThat(buckets.take("guesser")).as("a drained bucket survives the purge of the full ones")
                .hasValue(Duration.ofSeconds(1));
    }

    @Test
    void aBucketNeedsRoomForOneRequestAndARefill() {
        assertThatThrownBy(() -> new TokenBuckets(0, 1, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, -1, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void drain(TokenBuckets buckets, String key, int tokens) {
        for (int i = 0; i < tokens; i++) {
            assertThat(buckets.take(key)).as("token %d of %s", i + 1, key).isEmpty();
        }
    }

}
