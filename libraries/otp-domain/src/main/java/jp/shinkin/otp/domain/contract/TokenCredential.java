package jp.shinkin.otp.domain.contract;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;

/**
 * The token registered to a contract. The seed is held sealed (envelope encryption); the last
 * accepted step is what makes every code one-time.
 *
 * @param suspension why the bank suspended it (empty while active)
 */
public record TokenCredential(TokenId tokenId, Sealed sealedSeed, TotpParameters parameters, TokenStatus status,
                              OptionalLong lastAcceptedStep, int driftSteps, Instant registeredAt,
                              Instant lastUsedAt, Optional<SuspensionReason> suspension) {

    public TokenCredential(TokenId tokenId, Sealed sealedSeed, TotpParameters parameters, TokenStatus status,
                           OptionalLong lastAcceptedStep, int driftSteps, Instant registeredAt, Instant lastUsedAt) {
        this(tokenId, sealedSeed, parameters, status, lastAcceptedStep, driftSteps, registeredAt, lastUsedAt, Optional.empty());
    }

    TokenCredential accepted(long step, int drift, Instant at) {
        return new TokenCredential(tokenId, sealedSeed, parameters, status, OptionalLong.of(step), drift,
                registeredAt, at, suspension);
    }

    TokenCredential suspended(SuspensionReason reason) {
        return new TokenCredential(tokenId, sealedSeed, parameters, TokenStatus.SUSPENDED, lastAcceptedStep,
                driftSteps, registeredAt, lastUsedAt, Optional.of(reason));
    }

    /**
     * Lost or stolen: whoever holds the phone may also hold the saved password, so a new token is
     * registered only after the bank has reset this one. A suspension recorded before its reason
     * was kept counts as missing too (fail closed): only UNINSTALLED lets the customer re-register.
     */
    public boolean reportedMissing() {
        return status == TokenStatus.SUSPENDED && suspension.map(r -> r != SuspensionReason.UNINSTALLED).orElse(true);
    }
}
