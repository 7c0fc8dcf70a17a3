package jp.shinkin.otp.service.limits;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The platform's rate limits (429 E4290 with Retry-After): per API key, checked on every call,
 * and per contract, checked where the contract's decisions are taken (its owner instance), so a
 * guesser spread over many instances meets one bucket. The lockout after 5 wrong codes stays the
 * hard limit; these keep a flood from reaching it at machine speed.
 */
@Singleton
public class RateLimits {
    /** The request attribute naming the caller's bucket (set once the caller is known: an API key or a person). */
    public static final String CALLER_ATTRIBUTE = "otp.rate-key";

    private final TokenBuckets perApiKey;
    private final TokenBuckets perContract;
    private final TokenBuckets wrongCredentialsPerAddress;

    public RateLimits(@Value("${otp.rate-limits.per-api-key.capacity:20000}") int keyCapacity,
                      @Value("${otp.rate-limits.per-api-key.per-second:10000}") double keyRate,
                      @Value("${otp.rate-limits.per-contract.capacity:20}") int contractCapacity,
                      @Value("${otp.rate-limits.per-contract.per-second:1}") double contractRate,
                      @Value("${otp.rate-limits.wrong-credentials-per-address.capacity:20}") int wrongCapacity,
                      @Value("${otp.rate-limits.wrong-credentials-per-address.per-second:0.2}") double wrongRate,
                      Clock clock) {
        this.perApiKey = new TokenBuckets(keyCapacity, keyRate, clock);
        this.perContract = new TokenBuckets(contractCapacity, contractRate, clock);
        this.wrongCredentialsPerAddress = new TokenBuckets(wrongCapacity, wrongRate, clock);
    }

    /**
     * A wrong or missing API key or access token from this address: empty while the address may
     * still be told 401, else how long until it may try again (a key guesser gets 429s).
     */
    public Optional<Duration> wrongCredential(String address) {
        return wrongCredentialsPerAddress.take(address);
    }

    public Optional<Duration> apiKey(String role) {
        return perApiKey.take(role);
    }

    /** Throws {@link RateLimited} when the contract has no token left. */
    public void contract(String contractId) {
        perContract.take(contractId).ifPresent(wait -> {
            throw new RateLimited(wait);
        });
    }

    /** Too many requests: answered 429 E4290 with Retry-After. */
    public static final class RateLimited extends RuntimeException {
        private final Duration retryAfter;

        public RateLimited(Duration retryAfter) {
            super("too many requests for this contract; retry later", null, false, false);
            this.retryAfter = retryAfter;
        }

        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
