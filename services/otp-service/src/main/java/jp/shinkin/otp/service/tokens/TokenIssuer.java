package jp.shinkin.otp.service.tokens;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.credentials.TokenIssuance;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.otp.Base32;
import jp.shinkin.otp.domain.otp.OtpAuthUri;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.domain.token.TokenIdGenerator;
import jp.shinkin.otp.domain.token.TokenPlatform;
import jp.shinkin.otp.service.stores.LocalStores;

/**
 * The token issuer: a fresh token ID and a 160-bit seed from {@link SecureRandom}, sealed under a
 * new data key wrapped by the KEK. The seed leaves the platform once, in the answer to the app.
 */
@Singleton
public class TokenIssuer {
    private static final int SEED_BYTES = 20;
    private static final int ID_ATTEMPTS = 8;

    private final SecureRandom random = new SecureRandom();
    private final TokenIdGenerator ids;
    private final SeedVault vault;
    private final TokenPublisher publisher;
    private final LocalStores stores;
    private final Clock clock;
    private final TokenConfiguration config;

    public TokenIssuer(KekRing keks, TokenPublisher publisher, LocalStores stores, Clock clock, TokenConfiguration config) {
        this.vault = new SeedVault(keks, random);
        this.publisher = publisher;
        this.stores = stores;
        this.clock = clock;
        this.config = config;
        this.ids = new TokenIdGenerator(config.prefixes(), random);
    }

    /** Issues one token; the returned secret must be shown once and then forgotten. */
    public IssuedToken issue(TokenPlatform platform, Origin actor) {
        TokenId tokenId = freshId(platform);
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        try {
            publisher.publish(List.of(seal(tokenId, platform, seed, TotpParameters.DEFAULT, actor)));
            stores.isIssuedWithin(tokenId.value(), Duration.ofSeconds(5));
            OtpAuthUri uri = new OtpAuthUri(config.getIssuer(), tokenId.value(), seed, TotpParameters.DEFAULT);
            return new IssuedToken(tokenId, Base32.encode(seed), uri.toUriString(),
                    TotpParameters.DEFAULT);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Seals one token's seed under a new data key (for issue and for import). */
    TokenIssuance seal(TokenId tokenId, TokenPlatform platform, byte[] seed, TotpParameters parameters, Origin actor) {
        return TokenIssuance.of(tokenId.value(), WireConversions.sameName(platform, jp.shinkin.otp.wire.TokenPlatform.class),
                seed, parameters, vault, UUID.randomUUID().toString(), clock.instant(), actor);
    }

    /**
     * An ID no token has yet. Checked against the issued-tokens store; two instances drawing the
     * same 8 random digits within the store's propagation delay (milliseconds) is the residual
     * risk, about 1e-8 per pair of simultaneous issues.
     */
    private TokenId freshId(TokenPlatform platform) {
        for (int i = 0; i < ID_ATTEMPTS; i++) {
            TokenId candidate = ids.next(platform);
            if (!stores.isIssued(candidate.value())) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free token ID after " + ID_ATTEMPTS + " attempts: widen the ID space");
    }

    /** What the app receives once: token ID, Base32 secret and the otpauth URI any RFC 6238 app reads. */
    public record IssuedToken(TokenId tokenId, String secret, String otpauthUri, TotpParameters parameters) {
        @Override
        public String toString() {
            return "IssuedToken[tokenId=" + tokenId + "]";
        }
    }
}
