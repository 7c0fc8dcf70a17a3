package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of token seeds. Each token gets a fresh 256-bit data key; the seed is
 * sealed under that data key and the data key is wrapped under the newest key-encryption key
 * ({@link DataKeyWrapping}; a data key wrapped under an older KEK of the ring still opens). The token
 * ID is bound in as associated data, so a sealed seed moved to another token does not open.
 * {@link #shred} destroys the wrapped data key: from then on no copy of the seed, in any event,
 * store or backup, can be decrypted.
 */
public final class SeedVault implements SeedOpener {
    private static final String SEED_CONTEXT = "otp-seed:";

    private final DataKeyWrapping wrapping;
    private final DataKeyStore dataKeys;
    private final SecureRandom random;
    /** Data keys change every call: no cipher (and so no key schedule) is kept. */
    private final AesGcm gcm;

    public SeedVault(KekRing keks, DataKeyStore dataKeys, SecureRandom random) {
        this.wrapping = new DataKeyWrapping(keks, random);
        this.dataKeys = Objects.requireNonNull(dataKeys);
        this.random = Objects.requireNonNull(random);
        this.gcm = AesGcm.perMessage(random);
    }

    public SeedVault(KeyEncryptionKey kek, DataKeyStore dataKeys, SecureRandom random) {
        this(KekRing.of(kek), dataKeys, random);
    }

    /** Creates the token's data key, stores it wrapped under the newest KEK, and returns the sealed seed. */
    public Sealed seal(String tokenId, byte[] seed) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        SecretKey dataKey = new SecretKeySpec(raw, "AES");
        Sealed wrapped = wrapping.wrap(tokenId, raw);
        Arrays.fill(raw, (byte) 0);
        dataKeys.put(tokenId, wrapped);
        return gcm.seal(tokenId, dataKey, seed, aad(tokenId));
    }

    @Override
    public byte[] open(String tokenId, Sealed sealedSeed) {
        if (!tokenId.equals(sealedSeed.keyId())) {
            throw new SecretUnavailableException("sealed seed belongs to another token");
        }
        Sealed wrapped = dataKeys.find(tokenId)
                .orElseThrow(() -> new SecretUnavailableException("data key of token " + tokenId + " was destroyed"));
        return gcm.open(wrapping.unwrapAsKey(tokenId, wrapped), sealedSeed, aad(tokenId));
    }

    /** Crypto-shredding: the seed becomes unreadable everywhere it was copied. */
    public void shred(String tokenId) {
        dataKeys.destroy(tokenId);
    }

    private static byte[] aad(String tokenId) {
        return (SEED_CONTEXT + tokenId).getBytes(StandardCharsets.UTF_8);
    }
}
