package jp.shinkin.otp.service.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.MutableHttpResponse;
import java.util.Map;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.sessions.SessionHeader;
import jp.shinkin.otp.web.WebChannelSettings;
import jp.shinkin.otp.web.WebProblems;
import org.junit.jupiter.api.Test;

/**
 * The web channel (otp-web) knows the platform only over HTTP; the few things both sides must
 * agree on are checked here, where both are on the classpath.
 */
class WebChannelTiesTest {

    @Test
    void theSessionHeaderIsTheOneTheFlowsTake() {
        assertThat(WebChannelSettings.SESSION_HEADER).isEqualTo(SessionHeader.NAME);
    }

    @Test
    void theRelaysRefusalsLookLikeThePlatformsOwn() {
        for (String code : WebProblems.codes()) {
            MutableHttpResponse<Map<String, Object>> relay = WebProblems.response(code, "d", "f");
            MutableHttpResponse<Problem> platform = Problems.response(code, "d", "f");
            assertThat(relay.getStatus().getCode()).as(code).isEqualTo(platform.getStatus().getCode());
            assertThat(relay.getContentType()).as(code).isEqualTo(platform.getContentType());
            Problem p = platform.body();
            assertThat(relay.body()).as(code).isEqualTo(Map.of("type", p.type(), "title", p.title(), "status", p.status(),
                    "code", p.code(), "detail", p.detail(), "field", p.field()));
        }
    }
}
