package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of token seeds (and customers' addresses), as a pure seal/open pair. Each
 * secret gets a fresh 256-bit data key; the secret is sealed under that data key and the data key is
 * wrapped under the newest key-encryption key ({@link DataKeyWrapping}; a data key wrapped under an
 * older KEK of the ring still opens). The key ID is bound in as associated data, so a sealed secret
 * moved to another token does not open.
 *
 * <p>The vault keeps nothing: {@link #seal} hands back the wrapped data key for the caller to publish
 * (on the platform: {@code otp.token-keys}, keyed by token ID) and {@link #open} takes it back.
 * Destroying the published wrapped key (a tombstone) is crypto-shredding: from then on no copy of the
 * secret, in any event, store or backup, can be decrypted.
 */
public final class SeedVault {
    private static final String SEED_CONTEXT = "otp-seed:";

    private final DataKeyWrapping wrapping;
    private final SecureRandom random;
    /** Data keys change every call: no cipher (and so no key schedule) is kept. */
    private final AesGcm gcm;

    public SeedVault(KekRing keks, SecureRandom random) {
        this.wrapping = new DataKeyWrapping(keks, random);
        this.random = Objects.requireNonNull(random);
        this.gcm = AesGcm.perMessage(random);
    }

    public SeedVault(KeyEncryptionKey kek, SecureRandom random) {
        this(KekRing.of(kek), random);
    }

    /** A sealed secret and the wrapped data key that alone opens it. */
    public record Envelope(Sealed sealedSeed, Sealed wrappedDataKey) {
        public Envelope {
            Objects.requireNonNull(sealedSeed);
            Objects.requireNonNull(wrappedDataKey);
        }
    }

    /** Creates the key's data key, wraps it under the newest KEK and seals the secret under it. */
    public Envelope seal(String keyId, byte[] seed) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        SecretKey dataKey = new SecretKeySpec(raw, "AES");
        Sealed wrapped = wrapping.wrap(keyId, raw);
        Arrays.fill(raw, (byte) 0);
        return new Envelope(gcm.seal(keyId, dataKey, seed, aad(keyId)), wrapped);
    }

    /** @throws SecretUnavailableException when the seed is another key's, or either part was tampered with */
    public byte[] open(String keyId, Sealed wrappedDataKey, Sealed sealedSeed) {
        if (!keyId.equals(sealedSeed.keyId())) {
            throw new SecretUnavailableException("sealed seed belongs to another token");
        }
        return gcm.open(wrapping.unwrapAsKey(keyId, wrappedDataKey), sealedSeed, aad(keyId));
    }

    /**
     * Opens seeds with the wrapped data keys {@code wrappedKeys} finds (a store folded from the key
     * topic); a key it does not find was destroyed, and its seeds stay shut.
     */
    public SeedOpener opener(Function<String, Optional<Sealed>> wrappedKeys) {
        Objects.requireNonNull(wrappedKeys);
        return (keyId, sealedSeed) -> open(keyId, wrappedKeys.apply(keyId)
                .orElseThrow(() -> new SecretUnavailableException("data key of token " + keyId + " was destroyed")), sealedSeed);
    }

    private static byte[] aad(String keyId) {
        return (SEED_CONTEXT + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
