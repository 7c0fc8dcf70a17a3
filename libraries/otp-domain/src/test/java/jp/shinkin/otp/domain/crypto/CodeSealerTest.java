package jp.shinkin.otp.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CodeSealerTest {
    private final SecureRandom random = new SecureRandom();

    private byte[] key() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    @Test
    void sealsAndOpensACode() {
        CodeSealer sealer = new CodeSealer("t1", key(), random);
        Sealed sealed = sealer.seal("123456");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("123456");
        assertThat(sealer.open(sealed)).isEqualTo("123456");
        assertThat(sealer.seal("123456")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyOrAlteredBytesDoNotOpen() {
        CodeSealer sealer = new CodeSealer("t1", key(), random);
        Sealed sealed = sealer.seal("123456");
        assertThatThrownBy(() -> new CodeSealer("t1", key(), random).open(sealed)).isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> new CodeSealer("t2", key(), random).open(sealed)).isInstanceOf(SecretUnavailableException.class);
        byte[] c = sealed.ciphertext();
        c[0] ^= 1;
        assertThatThrownBy(() -> sealer.open(new Sealed("t1", sealed.nonce(), c))).isInstanceOf(SecretUnavailableException.class);
    }
}
