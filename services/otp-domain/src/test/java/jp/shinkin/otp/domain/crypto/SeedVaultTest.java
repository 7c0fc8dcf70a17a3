package jp.shinkin.otp.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SeedVaultTest {
    private final SecureRandom random = new SecureRandom();
    private final InMemoryDataKeyStore keys = new InMemoryDataKeyStore();
    private final KeyEncryptionKey kek = KeyEncryptionKey.fromBytes("kek-1", bytes(32));
    private final SeedVault vault = new SeedVault(kek, keys, random);
    private final byte[] seed = bytes(20);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void roundTrips() {
        Sealed sealed = vault.seal("SKMT00000001", seed);
        assertThat(sealed.ciphertext()).isNotEqualTo(seed).hasSize(seed.length + 16);
        assertThat(vault.open("SKMT00000001", sealed)).isEqualTo(seed);
    }

    @Test
    void eachTokenGetsItsOwnDataKeyAndNonce() {
        Sealed a = vault.seal("SKMT00000001", seed);
        Sealed b = vault.seal("SKMT00000002", seed);
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(keys.find("SKMT00000001")).isNotEqualTo(keys.find("SKMT00000002"));
    }

    @Test
    void detectsTampering() {
        Sealed sealed = vault.seal("SKMT00000001", seed);
        byte[] flipped = sealed.ciphertext();
        flipped[3] ^= 1;
        Sealed tampered = new Sealed(sealed.keyId(), sealed.nonce(), flipped);
        assertThatThrownBy(() -> vault.open("SKMT00000001", tampered)).isInstanceOf(SecretUnavailableException.class);

        Sealed wrappedKey = keys.find("SKMT00000001").orElseThrow();
        byte[] k = wrappedKey.ciphertext();
        k[0] ^= 1;
        keys.put("SKMT00000001", new Sealed(wrappedKey.keyId(), wrappedKey.nonce(), k));
        assertThatThrownBy(() -> vault.open("SKMT00000001", sealed)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void aSealedSeedDoesNotOpenForAnotherToken() {
        Sealed sealed = vault.seal("SKMT00000001", seed);
        vault.seal("SKMT00000002", bytes(20));
        Sealed moved = new Sealed("SKMT00000002", sealed.nonce(), sealed.ciphertext());
        assertThatThrownBy(() -> vault.open("SKMT00000002", moved)).isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> vault.open("SKMT00000002", sealed)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void shreddingMakesEveryCopyUndecryptable() {
        Sealed sealed = vault.seal("SKMT00000001", seed);
        Sealed copy = new Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
        vault.shred("SKMT00000001");
        assertThatThrownBy(() -> vault.open("SKMT00000001", sealed))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("destroyed");
        assertThatThrownBy(() -> vault.open("SKMT00000001", copy)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void anotherKekCannotOpen() {
        Sealed sealed = vault.seal("SKMT00000001", seed);
        SeedVault other = new SeedVault(KeyEncryptionKey.fromBytes("kek-1", bytes(32)), keys, random);
        assertThatThrownBy(() -> other.open("SKMT00000001", sealed)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void neverPrintsKeyOrCiphertext() {
        Sealed sealed = vault.seal("SKMT00000001", seed);
        assertThat(sealed.toString()).isEqualTo("Sealed[keyId=SKMT00000001, 36 bytes]");
        assertThat(kek.toString()).isEqualTo("KeyEncryptionKey[id=kek-1]");
    }

    @Nested
    class Rotation {
        private final KeyEncryptionKey kek2 = KeyEncryptionKey.fromBytes("kek-2", bytes(32));
        private final SeedVault rotated = new SeedVault(KekRing.of(kek2, kek), keys, random);
        private final DataKeyWrapping wrapping = new DataKeyWrapping(KekRing.of(kek2, kek), random);

        @Test
        void seedsSealedUnderTheOldKekStillOpenAndNewOnesUseTheNewest() {
            Sealed old = vault.seal("SKMT00000001", seed);
            assertThat(rotated.open("SKMT00000001", old)).isEqualTo(seed);

            byte[] other = bytes(20);
            Sealed fresh = rotated.seal("SKMT00000002", other);
            assertThat(keys.find("SKMT00000002").orElseThrow().keyId()).isEqualTo("kek-2");
            assertThat(rotated.open("SKMT00000002", fresh)).isEqualTo(other);
            assertThatThrownBy(() -> vault.open("SKMT00000002", fresh))
                    .as("an instance that has only the old KEK names the one it lacks")
                    .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("kek-2").hasMessageContaining("not loaded");
        }

        @Test
        void aRewrappedKeyOpensWithTheNewKekAloneAndTheOldKekNoLonger() {
            Sealed sealed = vault.seal("SKMT00000001", seed);
            Sealed before = keys.find("SKMT00000001").orElseThrow();
            assertThat(wrapping.isCurrent(before)).isFalse();

            Sealed after = wrapping.rewrap("SKMT00000001", before);
            keys.put("SKMT00000001", after);
            assertThat(after.keyId()).isEqualTo("kek-2");
            assertThat(wrapping.isCurrent(after)).isTrue();
            assertThat(new SeedVault(kek2, keys, random).open("SKMT00000001", sealed)).isEqualTo(seed);
            assertThatThrownBy(() -> vault.open("SKMT00000001", sealed)).isInstanceOf(SecretUnavailableException.class);
        }

        @Test
        void aWrappedKeyMovedToAnotherTokenIsNotRewrapped() {
            vault.seal("SKMT00000001", seed);
            Sealed wrapped = keys.find("SKMT00000001").orElseThrow();
            assertThatThrownBy(() -> wrapping.rewrap("SKMT00000002", wrapped)).isInstanceOf(SecretUnavailableException.class);
        }

        @Test
        void shreddingHoldsForKeysUnderEitherKek() {
            Sealed underOld = vault.seal("SKMT00000001", seed);
            Sealed underNew = rotated.seal("SKMT00000002", seed);
            rotated.shred("SKMT00000001");
            rotated.shred("SKMT00000002");
            assertThatThrownBy(() -> rotated.open("SKMT00000001", underOld)).hasMessageContaining("destroyed");
            assertThatThrownBy(() -> rotated.open("SKMT00000002", underNew)).hasMessageContaining("destroyed");
        }

        @Test
        void twoKeksWithOneNameAreRefused() {
            assertThatThrownBy(() -> KekRing.of(kek, KeyEncryptionKey.fromBytes("kek-1", bytes(32))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
