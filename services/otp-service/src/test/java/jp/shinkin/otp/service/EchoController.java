package jp.shinkin.otp.service;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A test-only endpoint that takes a JSON body, to exercise the framework's 400/415 answers. */
@Controller("/v1/test-echo")
class EchoController {
    @Serdeable
    record EchoRequest(@NotNull @Pattern(regexp = "[0-9]{6}") String otp, int count) {
    }

    @Post
    EchoRequest echo(@Valid @Body EchoRequest request) {
        return request;
    }
}
