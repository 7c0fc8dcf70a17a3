package jp.shinkin.otp.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {
    /** RFC 4648 §10 test vectors; we encode without padding and decode with or without it. */
    @ParameterizedTest
    @CsvSource({
        "f, MY======", "fo, MZXQ====", "foo, MZXW6===", "foob, MZXW6YQ=", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI======"
    })
    void rfc4648Vectors(String plain, String padded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.encode(bytes)).isEqualTo(padded.replace("=", ""));
        assertThat(Base32.decode(padded)).isEqualTo(bytes);
        assertThat(Base32.decode(padded.replace("=", ""))).isEqualTo(bytes);
        assertThat(Base32.decode(padded.toLowerCase(Locale.ROOT))).isEqualTo(bytes);
    }

    @Property
    void roundTrips(@ForAll byte[] data) {
        assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
    }

    @Test
    void toleratesTypedSpacesAndRejectsForeignCharacters() {
        assertThat(Base32.decode("MZXW 6YTB-OI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZ=XW")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("ＭＺＸＷ")).isInstanceOf(IllegalArgumentException.class);
    }
}
