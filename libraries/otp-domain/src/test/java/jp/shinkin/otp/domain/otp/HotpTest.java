package jp.shinkin.otp.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HotpTest {
    private static final byte[] RFC4226_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "counter {0} -> {1}")
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
    })
    void rfc4226AppendixD(long counter, String expected) {
        assertThat(Hotp.generate(RFC4226_SECRET, counter, 6, HmacAlgorithm.SHA1)).isEqualTo(expected);
    }

    @Test
    void truncationFollowsRfc4226Section531Example() {
        byte[] hash = {
            (byte) 0x1f, (byte) 0x86, (byte) 0x98, (byte) 0x69, (byte) 0x0e, (byte) 0x02, (byte) 0xca, (byte) 0x16,
            (byte) 0x61, (byte) 0x85, (byte) 0x50, (byte) 0xef, (byte) 0x7f, (byte) 0x19, (byte) 0xda, (byte) 0x8e,
            (byte) 0x94, (byte) 0x5b, (byte) 0x55, (byte) 0x5a};
        assertThat(Hotp.truncate(hash)).isEqualTo(0x50ef7f19);
        assertThat(Hotp.truncate(hash) % 1_000_000).isEqualTo(872921);
    }

    @Test
    void rejectsUnsupportedLengths() {
        assertThatThrownBy(() -> Hotp.generate(RFC4226_SECRET, 0, 5, HmacAlgorithm.SHA1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hotp.generate(RFC4226_SECRET, 0, 9, HmacAlgorithm.SHA1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesCodesExactly() {
        assertThat(Hotp.codesEqual("123456", "123456")).isTrue();
        assertThat(Hotp.codesEqual("123456", "123457")).isFalse();
        assertThat(Hotp.codesEqual("123456", "12345")).isFalse();
    }
}
