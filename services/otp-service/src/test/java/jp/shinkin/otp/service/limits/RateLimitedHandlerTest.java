package jp.shinkin.otp.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import jp.shinkin.otp.service.api.Problem;
import org.junit.jupiter.api.Test;

/** A contract's rate limit becomes 429 E4290 with Retry-After, whether thrown to the handler or answered in a future. */
class RateLimitedHandlerTest {

    @Test
    void theAnswerIs429E4290WithRetryAfterInWholeSeconds() {
        MutableHttpResponse<Problem> answer = RateLimitedHandler.answer(new RateLimits.RateLimited(Duration.ofMillis(2300)));
        assertThat(answer.code()).isEqualTo(429);
        assertThat(answer.getHeaders().get("Retry-After")).isEqualTo("3");
        assertThat(answer.getHeaders().get("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = answer.body();
        assertThat(problem.code()).isEqualTo("E4290");
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.detail()).contains("contract");
    }

    @Test
    void theExceptionHandlerGivesTheSameAnswer() {
        RateLimits.RateLimited limited = new RateLimits.RateLimited(Duration.ofSeconds(4));
        HttpResponse<Problem> handled = new RateLimitedHandler().handle(HttpRequest.GET("/v1/verifications"), limited);
        assertThat(handled.code()).isEqualTo(429);
        assertThat(handled.getHeaders().get("Retry-After")).isEqualTo("4");
        assertThat(handled.body()).isEqualTo(RateLimitedHandler.answer(limited).body());
    }
}
