package jp.shinkin.otp.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
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

    @Test
    void aRetiredTokenGoesToNobodyAndAStoppedOneOnlyWithALaterCode() {
        OptionalLong none = OptionalLong.empty();
        assertThat(TokenClaims.decide(Optional.of("C1"), true, none, "C1", 100)).contains(TokenClaims.Refusal.RETIRED);
        assertThat(TokenClaims.decide(Optional.empty(), true, none, "C2", 100)).contains(TokenClaims.Refusal.RETIRED);
        assertThat(TokenClaims.decide(Optional.of("C1"), false, none, "C2", 100)).contains(TokenClaims.Refusal.TAKEN);
        assertThat(TokenClaims.decide(Optional.empty(), false, OptionalLong.of(100), "C1", 100))
                .as("the stop's own code, shown again").contains(TokenClaims.Refusal.CODE_USED);
        assertThat(TokenClaims.decide(Optional.empty(), false, OptionalLong.of(100), "C2", 101)).isEmpty();
        assertThat(TokenClaims.decide(Optional.empty(), false, none, "C1", 1)).isEmpty();
    }
}
