package jp.shinkin.otp.service.verification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.service.credentials.OwnerForwarding;

/** {@code POST /v1/verifications} (role channel): ACCEPTED or REJECTED with the result code. */
@Controller("/v1/verifications")
public class VerificationController {
    private final VerificationService service;
    private final OwnerForwarding forwarding;

    public VerificationController(VerificationService service, OwnerForwarding forwarding) {
        this.service = service;
        this.forwarding = forwarding;
    }

    @Post
    public CompletableFuture<MutableHttpResponse<?>> verify(@Body VerificationRequest request,
                                                            @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                            @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                                            HttpRequest<?> http) {
        return service.verify(request, idempotencyKey, authorization, forwarding.isForwarded(http));
    }
}
