package jp.shinkin.otp.credentials;

import java.time.Instant;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.TokenPlatform;
import jp.shinkin.otp.wire.WrappedDataKey;

/**
 * The two records that issue a token: {@code TokenIssued} (seed sealed under the token's own data
 * key) for {@code otp.tokens}, and {@code WrappedDataKey} for {@code otp.token-keys}. The seed is
 * sealed here and never leaves in clear.
 */
public record TokenIssuance(TokenIssued issued, WrappedDataKey key) {

    public static TokenIssuance of(String tokenId, TokenPlatform platform, byte[] seed, TotpParameters parameters, SeedVault vault,
                                   String eventId, Instant at, Origin origin) {
        SeedVault.Envelope sealed = vault.seal(tokenId, seed);
        EventMetadata metadata = EventMetadata.newBuilder().setEventId(eventId).setOccurredAt(at).setCorrelationId(eventId)
                .setActor(WireConversions.actor(origin)).setCausationId(null).build();
        TokenIssued issued = new TokenIssued(metadata, tokenId, platform, WireConversions.sealedBytes(sealed.sealedSeed()),
                WireConversions.totpSpec(parameters));
        WrappedDataKey key = new WrappedDataKey(tokenId, WireConversions.sealedBytes(sealed.wrappedDataKey()));
        return new TokenIssuance(issued, key);
    }
}
