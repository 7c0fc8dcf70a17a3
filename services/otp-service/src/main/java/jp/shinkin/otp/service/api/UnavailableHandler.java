package jp.shinkin.otp.service.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** E5030 with Retry-After: a retry is safe. */
@Singleton
public class UnavailableHandler implements ExceptionHandler<Unavailable, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Unavailable exception) {
        return Problems.unavailable(exception.getMessage());
    }
}
