package jp.shinkin.otp.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenIdTest {
    @Test
    void acceptsFourLettersAndEightDigits() {
        assertThat(new TokenId("SKMT01234567").prefix()).isEqualTo("SKMT");
        assertThat(TokenId.parse(" skmt01234567 ")).isEqualTo(new TokenId("SKMT01234567"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SKMT1234567", "SKMT012345678", "SKM001234567", "SKMT0123456A", "SKMT０1234567",
        "ŞKMT01234567", "SKMT-1234567"})
    void rejectsMalformedIds(String text) {
        assertThat(TokenId.isValid(text)).isFalse();
        assertThatThrownBy(() -> TokenId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatesWithThePlatformPrefix() {
        TokenIdGenerator generator = new TokenIdGenerator(TokenIdGenerator.DEFAULT_PREFIXES, new Random(7));
        for (int i = 0; i < 1000; i++) {
            assertThat(generator.next(TokenPlatform.MOBILE).value()).matches("SKMT[0-9]{8}");
            assertThat(generator.next(TokenPlatform.DESKTOP).value()).matches("SKDT[0-9]{8}");
        }
    }

    @Test
    void defaultPrefixesAreNotAVendors() {
        assertThat(TokenIdGenerator.DEFAULT_PREFIXES.values()).doesNotContain("VSMT", "VSST");
    }

    @Test
    void prefixesAreConfigurableButChecked() {
        TokenIdGenerator custom = new TokenIdGenerator(
                Map.of(TokenPlatform.MOBILE, "ABCD", TokenPlatform.DESKTOP, "WXYZ"), new Random(1));
        assertThat(custom.next(TokenPlatform.DESKTOP).prefix()).isEqualTo("WXYZ");
        assertThatThrownBy(() -> new TokenIdGenerator(Map.of(TokenPlatform.MOBILE, "AB1D"), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
