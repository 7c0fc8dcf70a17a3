package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of token seeds. Each token gets a fresh 256-bit data key; the seed is
 * sealed under that data key and the data key is wrapped under the key-encryption key. The token
 * ID is bound in as associated data, so a sealed seed moved to another token does not open.
 * {@link #shred} destroys the wrapped data key: from then on no copy of the seed, in any event,
 * store or backup, can be decrypted.
 */
public final class SeedVault implements SeedOpener {
    private static final String SEED_CONTEXT = "otp-seed:";
    private static final String KEY_CONTEXT = "otp-data-key:";

    private final KeyEncryptionKey kek;
    private final DataKeyStore dataKeys;
    private final SecureRandom random;
    /** One engine per key role: the KEK's schedule stays expanded; data keys change every call and are not kept. */
    private final AesGcm kekGcm;
    private final AesGcm gcm;

    public SeedVault(KeyEncryptionKey kek, DataKeyStore dataKeys, SecureRandom random) {
        this.kek = Objects.requireNonNull(kek);
        this.dataKeys = Objects.requireNonNull(dataKeys);
        this.random = Objects.requireNonNull(random);
        this.kekGcm = new AesGcm(random);
        this.gcm = AesGcm.perMessage(random);
    }

    /** Creates the token's data key, stores it wrapped, and returns the sealed seed. */
    public Sealed seal(String tokenId, byte[] seed) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        SecretKey dataKey = new SecretKeySpec(raw, "AES");
        Sealed wrapped = kekGcm.seal(kek.id(), kek.key(), raw, aad(KEY_CONTEXT, tokenId));
        java.util.Arrays.fill(raw, (byte) 0);
        dataKeys.put(tokenId, wrapped);
        return gcm.seal(tokenId, dataKey, seed, aad(SEED_CONTEXT, tokenId));
    }

    @Override
    public byte[] open(String tokenId, Sealed sealedSeed) {
        if (!tokenId.equals(sealedSeed.keyId())) {
            throw new SecretUnavailableException("sealed seed belongs to another token");
        }
        Sealed wrapped = dataKeys.find(tokenId)
                .orElseThrow(() -> new SecretUnavailableException("data key of token " + tokenId + " was destroyed"));
        if (!kek.id().equals(wrapped.keyId())) {
            throw new SecretUnavailableException("data key of token " + tokenId + " is wrapped under another KEK");
        }
        byte[] raw = kekGcm.open(kek.key(), wrapped, aad(KEY_CONTEXT, tokenId));
        try {
            return gcm.open(new SecretKeySpec(raw, "AES"), sealedSeed, aad(SEED_CONTEXT, tokenId));
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    /** Crypto-shredding: the seed becomes unreadable everywhere it was copied. */
    public void shred(String tokenId) {
        dataKeys.destroy(tokenId);
    }

    private static byte[] aad(String context, String tokenId) {
        return (context + tokenId).getBytes(StandardCharsets.UTF_8);
    }
}
