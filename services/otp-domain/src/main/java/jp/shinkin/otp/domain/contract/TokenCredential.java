package jp.shinkin.otp.domain.contract;

import java.time.Instant;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;

/**
 * The token registered to a contract. The seed is held sealed (envelope encryption); the last
 * accepted step is what makes every code one-time.
 */
public record TokenCredential(TokenId tokenId, Sealed sealedSeed, TotpParameters parameters, TokenStatus status,
                              OptionalLong lastAcceptedStep, int driftSteps, Instant registeredAt,
                              Instant lastUsedAt) {

    TokenCredential accepted(long step, int drift, Instant at) {
        return new TokenCredential(tokenId, sealedSeed, parameters, status, OptionalLong.of(step), drift,
                registeredAt, at);
    }

    TokenCredential suspended() {
        return new TokenCredential(tokenId, sealedSeed, parameters, TokenStatus.SUSPENDED, lastAcceptedStep,
                driftSteps, registeredAt, lastUsedAt);
    }
}
