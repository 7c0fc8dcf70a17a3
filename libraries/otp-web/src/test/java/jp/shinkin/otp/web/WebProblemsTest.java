package jp.shinkin.otp.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.MutableHttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay's refusals carry the platform's answer shape (checked against the platform's own in otp-service). */
class WebProblemsTest {

    @Test
    void aRefusalIsProblemJsonWithItsCodeStatusAndField() {
        MutableHttpResponse<Map<String, Object>> answer = WebProblems.response("E4000", "send a JSON object", "body");
        assertThat(answer.getStatus().getCode()).isEqualTo(400);
        assertThat(answer.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        assertThat(answer.body()).containsEntry("code", "E4000").containsEntry("status", 400).containsEntry("field", "body")
                .containsEntry("detail", "send a JSON object").containsKey("title");
        assertThat(WebProblems.response("E4040", null, null).body()).doesNotContainKeys("detail", "field");
    }

    @Test
    void unavailableAsksToRetry() {
        MutableHttpResponse<Map<String, Object>> answer = WebProblems.unavailable("the platform did not answer; retry shortly");
        assertThat(answer.getStatus().getCode()).isEqualTo(503);
        assertThat(answer.getHeaders().get("Retry-After")).isEqualTo("1");
    }
}
