package jp.shinkin.otp.service.notices;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.credentials.WrappedKeys;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.notifications.ContactAddresses;
import jp.shinkin.otp.service.hosting.CredentialStreams;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Customers' e-mail addresses, sealed and opened like token seeds: each address under a fresh data
 * key of its own, wrapped under the newest KEK and kept on {@code otp.token-keys} (ID
 * {@code contact:<contract>:<random>}); a replaced or erased address's key is destroyed by the
 * single writer. Opening reads the key from the credential topology's global key store.
 */
@Singleton
public class NoticeAddresses implements ContactAddresses {
    private static final String PREFIX = "contact:";
    private static final Duration KEY_PATIENCE = Duration.ofSeconds(5);

    private final SeedVault vault;
    private final CredentialStreams streams;

    public NoticeAddresses(KekRing keks, CredentialStreams streams) {
        this.vault = new SeedVault(keks, new SecureRandom());
        this.streams = streams;
    }

    /** A sealed address and the wrapped data key that opens it (to be written before the address is used). */
    public record SealedAddress(Sealed address, WrappedDataKey key) {
    }

    public SealedAddress seal(String contractId, String address) {
        String keyId = PREFIX + contractId + ":" + UUID.randomUUID();
        SeedVault.Envelope sealed = vault.seal(keyId, address.getBytes(StandardCharsets.UTF_8));
        return new SealedAddress(sealed.sealedSeed(), new WrappedDataKey(keyId, WireConversions.sealedBytes(sealed.wrappedDataKey())));
    }

    @Override
    public Optional<String> open(Sealed sealedAddress) {
        if (!sealedAddress.keyId().startsWith(PREFIX)) {
            return Optional.empty();
        }
        // The key was written before the address was recorded, but reaches this instance's global store
        // a few milliseconds later: a notice right after a change waits for it rather than being dropped.
        long until = System.nanoTime() + KEY_PATIENCE.toNanos();
        while (true) {
            try {
                byte[] raw = vault.opener(globalKeys()).open(sealedAddress.keyId(), sealedAddress);
                return Optional.of(new String(raw, StandardCharsets.UTF_8));
            } catch (SecretUnavailableException e) {
                if (System.nanoTime() > until) {
                    return Optional.empty();
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The global store is being restored: the notice waits (its thread is replaced and resumes here). */
    private Function<String, Optional<Sealed>> globalKeys() {
        try {
            return WrappedKeys.in(streams.streams().store(StateStores.TOKEN_DATA_KEYS.query()));
        } catch (InvalidStateStoreException e) {
            throw new IllegalStateException("the data-key store is not ready yet", e);
        }
    }
}
