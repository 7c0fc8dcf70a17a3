package jp.shinkin.otp.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SeedVaultTest {
    private final SecureRandom random = new SecureRandom();
    /** The key topic as the platform folds it: token ID → wrapped data key; a removal is a tombstone. */
    private final Map<String, Sealed> keys = new ConcurrentHashMap<>();
    private final KeyEncryptionKey kek = KeyEncryptionKey.fromBytes("kek-1", bytes(32));
    private final SeedVault vault = new SeedVault(kek, random);
    private final SeedOpener opener = openerOf(vault);
    private final byte[] seed = bytes(20);

    private SeedOpener openerOf(SeedVault v) {
        return v.opener(id -> Optional.ofNullable(keys.get(id)));
    }

    /** Seals as the token issuer does: the wrapped key is published, the sealed seed returned. */
    private Sealed seal(SeedVault v, String tokenId, byte[] secret) {
        SeedVault.Envelope envelope = v.seal(tokenId, secret);
        keys.put(tokenId, envelope.wrappedDataKey());
        return envelope.sealedSeed();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void roundTrips() {
        Sealed sealed = seal(vault, "SKMT00000001", seed);
        assertThat(sealed.ciphertext()).isNotEqualTo(seed).hasSize(seed.length + 16);
        assertThat(opener.open("SKMT00000001", sealed)).isEqualTo(seed);
    }

    @Test
    void eachTokenGetsItsOwnDataKeyAndNonce() {
        Sealed a = seal(vault, "SKMT00000001", seed);
        Sealed b = seal(vault, "SKMT00000002", seed);
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(keys.get("SKMT00000001")).isNotEqualTo(keys.get("SKMT00000002"));
    }

    @Test
    void detectsTampering() {
        Sealed sealed = seal(vault, "SKMT00000001", seed);
        byte[] flipped = sealed.ciphertext();
        flipped[3] ^= 1;
        Sealed tampered = new Sealed(sealed.keyId(), sealed.nonce(), flipped);
        assertThatThrownBy(() -> opener.open("SKMT00000001", tampered)).isInstanceOf(SecretUnavailableException.class);

        Sealed wrappedKey = keys.get("SKMT00000001");
        byte[] k = wrappedKey.ciphertext();
        k[0] ^= 1;
        keys.put("SKMT00000001", new Sealed(wrappedKey.keyId(), wrappedKey.nonce(), k));
        assertThatThrownBy(() -> opener.open("SKMT00000001", sealed)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void aSealedSeedDoesNotOpenForAnotherToken() {
        Sealed sealed = seal(vault, "SKMT00000001", seed);
        seal(vault, "SKMT00000002", bytes(20));
        Sealed moved = new Sealed("SKMT00000002", sealed.nonce(), sealed.ciphertext());
        assertThatThrownBy(() -> opener.open("SKMT00000002", moved)).isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> opener.open("SKMT00000002", sealed)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void theVaultKeepsNothingTheWrappedKeyAloneOpens() {
        SeedVault.Envelope envelope = vault.seal("SKMT00000001", seed);
        assertThat(vault.open("SKMT00000001", envelope.wrappedDataKey(), envelope.sealedSeed())).isEqualTo(seed);
        SeedVault.Envelope another = vault.seal("SKMT00000001", seed);
        assertThatThrownBy(() -> vault.open("SKMT00000001", another.wrappedDataKey(), envelope.sealedSeed()))
                .as("a re-issue's key does not open the earlier seed").isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void shreddingMakesEveryCopyUndecryptable() {
        Sealed sealed = seal(vault, "SKMT00000001", seed);
        Sealed copy = new Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
        keys.remove("SKMT00000001");
        assertThatThrownBy(() -> opener.open("SKMT00000001", sealed))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("destroyed");
        assertThatThrownBy(() -> opener.open("SKMT00000001", copy)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void anotherKekCannotOpen() {
        Sealed sealed = seal(vault, "SKMT00000001", seed);
        SeedVault other = new SeedVault(KeyEncryptionKey.fromBytes("kek-1", bytes(32)), random);
        assertThatThrownBy(() -> openerOf(other).open("SKMT00000001", sealed)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void neverPrintsKeyOrCiphertext() {
        Sealed sealed = seal(vault, "SKMT00000001", seed);
        assertThat(sealed.toString()).isEqualTo("Sealed[keyId=SKMT00000001, 36 bytes]");
        assertThat(kek.toString()).isEqualTo("KeyEncryptionKey[id=kek-1]");
    }

    @Nested
    class Rotation {
        private final KeyEncryptionKey kek2 = KeyEncryptionKey.fromBytes("kek-2", bytes(32));
        private final SeedVault rotated = new SeedVault(KekRing.of(kek2, kek), random);
        private final DataKeyWrapping wrapping = new DataKeyWrapping(KekRing.of(kek2, kek), random);

        @Test
        void seedsSealedUnderTheOldKekStillOpenAndNewOnesUseTheNewest() {
            Sealed old = seal(vault, "SKMT00000001", seed);
            assertThat(openerOf(rotated).open("SKMT00000001", old)).isEqualTo(seed);

            byte[] other = bytes(20);
            Sealed fresh = seal(rotated, "SKMT00000002", other);
            assertThat(keys.get("SKMT00000002").keyId()).isEqualTo("kek-2");
            assertThat(openerOf(rotated).open("SKMT00000002", fresh)).isEqualTo(other);
            assertThatThrownBy(() -> opener.open("SKMT00000002", fresh))
                    .as("an instance that has only the old KEK names the one it lacks")
                    .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("kek-2").hasMessageContaining("not loaded");
        }

        @Test
        void aRewrappedKeyOpensWithTheNewKekAloneAndTheOldKekNoLonger() {
            Sealed sealed = seal(vault, "SKMT00000001", seed);
            Sealed before = keys.get("SKMT00000001");
            assertThat(wrapping.isCurrent(before)).isFalse();

            Sealed after = wrapping.rewrap("SKMT00000001", before);
            keys.put("SKMT00000001", after);
            assertThat(after.keyId()).isEqualTo("kek-2");
            assertThat(wrapping.isCurrent(after)).isTrue();
            assertThat(openerOf(new SeedVault(kek2, random)).open("SKMT00000001", sealed)).isEqualTo(seed);
            assertThatThrownBy(() -> opener.open("SKMT00000001", sealed)).isInstanceOf(SecretUnavailableException.class);
        }

        @Test
        void aWrappedKeyMovedToAnotherTokenIsNotRewrapped() {
            seal(vault, "SKMT00000001", seed);
            Sealed wrapped = keys.get("SKMT00000001");
            assertThatThrownBy(() -> wrapping.rewrap("SKMT00000002", wrapped)).isInstanceOf(SecretUnavailableException.class);
        }

        @Test
        void shreddingHoldsForKeysUnderEitherKek() {
            Sealed underOld = seal(vault, "SKMT00000001", seed);
            Sealed underNew = seal(rotated, "SKMT00000002", seed);
            keys.remove("SKMT00000001");
            keys.remove("SKMT00000002");
            assertThatThrownBy(() -> openerOf(rotated).open("SKMT00000001", underOld)).hasMessageContaining("destroyed");
            assertThatThrownBy(() -> openerOf(rotated).open("SKMT00000002", underNew)).hasMessageContaining("destroyed");
        }

        @Test
        void twoKeksWithOneNameAreRefused() {
            assertThatThrownBy(() -> KekRing.of(kek, KeyEncryptionKey.fromBytes("kek-1", bytes(32))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
