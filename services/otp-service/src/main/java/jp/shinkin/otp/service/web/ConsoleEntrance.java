package jp.shinkin.otp.service.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.net.URI;

/** {@code /console} and {@code /console/} lead to the operations console's page (static resources serve files, not folders). */
@Controller("/console")
@Requires(property = "otp.web.enabled", notEquals = "false")
public class ConsoleEntrance {
    private static final URI PAGE = URI.create("/console/index.html");

    /** Micronaut matches the path with and without the trailing slash. */
    @Get
    public HttpResponse<?> enter() {
        return HttpResponse.seeOther(PAGE);
    }
}
