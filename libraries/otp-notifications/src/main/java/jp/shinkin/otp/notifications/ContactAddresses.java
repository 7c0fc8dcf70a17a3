package jp.shinkin.otp.notifications;

import java.util.Optional;
import jp.shinkin.otp.domain.crypto.Sealed;

/**
 * Opens a customer's sealed e-mail address with its data key (held by whoever hosts the notices:
 * the key ring and the data-key store). Empty when the key was destroyed — the address was
 * replaced or erased, so no mail goes to it.
 */
@FunctionalInterface
public interface ContactAddresses {
    Optional<String> open(Sealed sealedAddress);
}
