package jp.shinkin.otp.credentials;

import java.util.Optional;
import jp.shinkin.otp.domain.contract.ContractEvent;

/** Which contract events the token-ID uniqueness step must see, and under which token ID. */
final class TokenClaimRouting {
    private TokenClaimRouting() {
    }

    static Optional<String> tokenIdOf(ContractEvent event) {
        if (event instanceof ContractEvent.TokenClaimRequested e) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.TokenReleased e) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.TokenStopped e) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.TokenReset e) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.TokenSuspended e) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.DeviceChanged e) {
            // The replaced token's ID is given up.
            return Optional.of(e.previousTokenId().value());
        }
        return Optional.empty();
    }
}
