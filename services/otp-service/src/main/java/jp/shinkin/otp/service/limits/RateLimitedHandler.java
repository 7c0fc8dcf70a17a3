package jp.shinkin.otp.service.limits;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;

@Singleton
public class RateLimitedHandler implements ExceptionHandler<RateLimits.RateLimited, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RateLimits.RateLimited exception) {
        return answer(exception);
    }

    /** 429 E4290 with Retry-After: also for callers that answer inside a future, outside the handlers' reach. */
    public static MutableHttpResponse<Problem> answer(RateLimits.RateLimited exception) {
        return Problems.response("E4290", exception.getMessage(), null)
                .header("Retry-After", Long.toString(exception.retryAfterSeconds()));
    }
}
