package jp.shinkin.otp.domain.token;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Draws new token IDs: the platform's prefix and 8 random digits. Uniqueness is not guaranteed
 * here (10^8 per prefix): the token-ID claim step of the platform rejects a collision and the
 * issuer draws again.
 */
public final class TokenIdGenerator {
    /** Our own prefixes; vendors' (e.g. Symantec VIP's VSMT/VSST) are deliberately not reused. */
    public static final Map<TokenPlatform, String> DEFAULT_PREFIXES = Map.of(
            TokenPlatform.MOBILE, "SKMT",
            TokenPlatform.DESKTOP, "SKDT");

    private final Map<TokenPlatform, String> prefixes;
    private final RandomGenerator random;

    public TokenIdGenerator(Map<TokenPlatform, String> prefixes, RandomGenerator random) {
        this.prefixes = new EnumMap<>(prefixes);
        for (TokenPlatform platform : TokenPlatform.values()) {
            String prefix = this.prefixes.get(platform);
            if (prefix == null || !prefix.matches("[A-Z]{4}")) {
                throw new IllegalArgumentException("prefix for " + platform + " must be 4 capital letters");
            }
        }
        this.random = Objects.requireNonNull(random);
    }

    public TokenId next(TokenPlatform platform) {
        int digits = random.nextInt(100_000_000);
        return new TokenId(prefixes.get(platform) + String.format(Locale.ROOT, "%08d", digits));
    }
}
