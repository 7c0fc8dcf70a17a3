package jp.shinkin.otp.service.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import jp.shinkin.otp.service.api.ApiException;
import org.junit.jupiter.api.Test;

/** Session keys carry IDs: the newest signs, the previous ones still verify, so a rotation logs nobody out. */
class SessionTokensTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC);
    private final String keyA = randomKey();
    private final String keyB = randomKey();

    private static String randomKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static SessionTokens tokens(String key, String id, String previous) {
        SessionConfiguration c = new SessionConfiguration();
        c.setKey(key);
        c.setKeyId(id);
        c.setPreviousKeys(previous);
        return new SessionTokens(c, CLOCK);
    }

    @Test
    void aSessionSignedBeforeTheRotationStaysValidAndIsRenewedUnderTheNewKey() {
        String before = tokens(keyA, "s1", "").issue("C-1001", 0);
        assertThat(before).startsWith("s1.");
        SessionTokens rotated = tokens(keyB, "s2", "s1:" + keyA);
        SessionTokens.Session session = rotated.check(before);
        assertThat(session.contractId()).isEqualTo("C-1001");
        assertThat(session.renewedToken()).startsWith("s2.");
        assertThat(rotated.issue("C-1002", 0)).startsWith("s2.");
        // Once the old key is retired, its tokens end.
        assertThatThrownBy(() -> tokens(keyB, "s2", "").check(before)).isInstanceOf(ApiException.class);
    }

    @Test
    void aTokenNamingAnotherKeyOrForgedIsRefused() {
        String token = tokens(keyA, "s1", "").issue("C-1001", 0);
        String renamed = "s2" + token.substring(2);
        assertThatThrownBy(() -> tokens(keyB, "s2", "s1:" + keyA).check(renamed)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tokens(keyA, "s1", "").check(token.substring(3))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tokens(keyA, "s1", "s1:" + keyB)).hasMessageContaining("IDs unique");
    }
}
