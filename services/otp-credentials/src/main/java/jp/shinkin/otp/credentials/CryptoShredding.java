package jp.shinkin.otp.credentials;

import java.util.Optional;
import jp.shinkin.otp.domain.contract.ContractEvent;

/**
 * Which data key an event destroys (invariant 5): a retired token's, or a replaced or erased contact
 * address's. A token retired for good — reset, suspended, or replaced by a device change — can never verify again, so its seed need not stay
 * readable: the tombstone on {@code otp.token-keys}, written in the same transaction as the
 * event, makes every sealed copy of the seed (events included) undecryptable. A stop is not a
 * retirement — the customer's app keeps its token ID for life and may register it again — unless the
 * customer retires the token with the stop.
 */
final class CryptoShredding {
    private CryptoShredding() {
    }

    static Optional<String> keyShreddedBy(ContractEvent event) {
        if (event instanceof ContractEvent.TokenReset e) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.TokenSuspended e) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.DeviceChanged e) {
            return Optional.of(e.previousTokenId().value());
        } else if (event instanceof ContractEvent.TokenStopped e && e.retired()) {
            return Optional.of(e.tokenId().value());
        } else if (event instanceof ContractEvent.ContactChanged e) {
            // Not a token: the customer's replaced or erased e-mail address, sealed under a data key of its own.
            return e.retiredKeyId();
        }
        return Optional.empty();
    }
}
