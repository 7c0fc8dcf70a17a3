package jp.shinkin.otp.service.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import jp.shinkin.otp.credentials.ChannelContext;
import jp.shinkin.otp.service.api.ApiException;
import org.junit.jupiter.api.Test;

/** The customer flows' request context: each field optional, but a given one non-blank and trimmed. */
class RequestContextsTest {

    @Test
    void aGivenValueIsTrimmedSoOneDeviceIsOneFraudSource() {
        ChannelContext context = RequestContexts.of(Map.of("clientIp", " 198.51.100.7 ", "deviceId", "phone-7"));
        assertThat(context.clientIp()).isEqualTo("198.51.100.7");
        assertThat(context.deviceId()).isEqualTo("phone-7");
        assertThat(context.userAgent()).isNull();
        assertThat(RequestContexts.of(null)).isNull();
    }

    @Test
    void aBlankOrOverlongValueIsRefusedByName() {
        Map<String, String> blank = new HashMap<>();
        blank.put("deviceId", "  ");
        assertThatThrownBy(() -> RequestContexts.of(blank)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.field()).isEqualTo("context.deviceId"));
        assertThatThrownBy(() -> RequestContexts.of(Map.of("userAgent", "u".repeat(513))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("context.userAgent"));
    }
}
