package jp.shinkin.otp.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** API keys may be configured as their SHA-256 digest, so the service never holds them in clear. */
class ApiKeysTest {
    private static ApiKeys keys(String channel, String operations) {
        ApiKeyConfiguration c = new ApiKeyConfiguration();
        c.setChannel(channel);
        c.setOperations(operations);
        return new ApiKeys(c);
    }

    private static String sha256(String key) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aKeyConfiguredAsItsDigestIsAcceptedAndOnlyItself() throws Exception {
        ApiKeys keys = keys(sha256("channel-key-0123456789"), "operations-key-0123456789");
        assertThat(keys.callerOf("channel-key-0123456789")).containsInstanceOf(Caller.Channel.class);
        assertThat(keys.callerOf(sha256("channel-key-0123456789"))).as("the digest itself is no key").isEmpty();
        assertThat(keys.callerOf("operations-key-0123456789")).containsInstanceOf(Caller.ServiceJob.class);
        assertThat(ApiKeys.isDigest(sha256("x"))).isTrue();
        assertThat(ApiKeys.isDigest("channel-key-0123456789")).isFalse();
    }

    @Test
    void aMalformedDigestOrTheSameKeyTwiceDoesNotStart() throws Exception {
        assertThatThrownBy(() -> keys("sha256:abc", "operations-key-0123456789")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> keys(sha256("same-key-0123456789"), "same-key-0123456789")).hasMessageContaining("must differ");
    }
}
