package jp.shinkin.otp.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {
    @Test
    void aFreeOrOwnTokenIdIsGrantedAnotherContractsIsNot() {
        assertThat(TokenClaims.grants(Optional.empty(), "C1")).isTrue();
        assertThat(TokenClaims.grants(Optional.of("C1"), "C1")).isTrue();
        assertThat(TokenClaims.grants(Optional.of("C1"), "C2")).isFalse();
    }

    @Test
    void onlyTheOwnerReleases() {
        assertThat(TokenClaims.afterRelease(Optional.of("C1"), "C2")).contains("C1");
        assertThat(TokenClaims.afterRelease(Optional.of("C1"), "C1")).isEmpty();
        assertThat(TokenClaims.afterRelease(Optional.empty(), "C1")).isEmpty();
    }
}
