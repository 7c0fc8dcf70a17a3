package jp.shinkin.otp.service.verification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.concurrent.CompletableFuture;

/** {@code POST /v1/verifications} (role channel): ACCEPTED or REJECTED with the result code. */
@Controller("/v1/verifications")
public class VerificationController {
    private final VerificationService service;

    public VerificationController(VerificationService service) {
        this.service = service;
    }

    @Post
    public CompletableFuture<MutableHttpResponse<?>> verify(@Body VerificationRequest request,
                                                            @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                            HttpRequest<?> http) {
        return service.verify(http, request, idempotencyKey);
    }
}
