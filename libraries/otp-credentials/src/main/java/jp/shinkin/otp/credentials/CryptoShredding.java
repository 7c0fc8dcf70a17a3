package jp.shinkin.otp.credentials;

import java.util.Optional;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.Decision;

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

    /**
     * A contact address sealed under a key that is not this contract's ({@code contact:<contract>:…}):
     * refused, so no command can make the writer destroy another contract's or a token's key.
     */
    static boolean foreignContactKey(String contractId, ContractCommand command) {
        return command instanceof ContractCommand.SetContact c && c.address()
                .filter(a -> !a.keyId().startsWith("contact:" + contractId + ":")).isPresent();
    }

    /** The key of a contact address the decision did not record (refused): it is destroyed at once. */
    static Optional<String> unrecordedContactKey(String contractId, ContractCommand command, Decision decision) {
        if (!(command instanceof ContractCommand.SetContact c) || c.address().isEmpty() || foreignContactKey(contractId, c)) {
            return Optional.empty();
        }
        String keyId = c.address().get().keyId();
        boolean recorded = decision.events().stream().anyMatch(e -> e instanceof ContractEvent.ContactChanged changed
                && changed.address().filter(a -> a.keyId().equals(keyId)).isPresent());
        return recorded ? Optional.empty() : Optional.of(keyId);
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
