package jp.shinkin.otp.service.verification;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.credentials.CommandGateway;
import jp.shinkin.otp.service.credentials.ContractRouter;
import jp.shinkin.otp.service.credentials.CredentialsConfiguration;
import jp.shinkin.otp.service.credentials.OwnerForwarding;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.RequestContext;
import jp.shinkin.otp.wire.command.VerifyOtpCommand;

/**
 * The low-latency core: route to the contract's owner, write the command (acks=all), and answer
 * when the owning task has decided. Only the owner writes, so the answer comes back in this JVM.
 */
@Singleton
public class VerificationService {
    private final ContractRouter router;
    private final CommandGateway gateway;
    private final CodeSealer codes;
    private final CredentialsConfiguration config;
    private final JsonMapper json;
    private final OwnerForwarding forwarding;

    private final jp.shinkin.otp.service.limits.RateLimits limits;

    public VerificationService(ContractRouter router, CommandGateway gateway, CodeSealer codes,
                               CredentialsConfiguration config, JsonMapper json, OwnerForwarding forwarding,
                               jp.shinkin.otp.service.limits.RateLimits limits) {
        this.limits = limits;
        this.router = router;
        this.gateway = gateway;
        this.codes = codes;
        this.config = config;
        this.json = json;
        this.forwarding = forwarding;
    }

    public CompletableFuture<MutableHttpResponse<?>> verify(VerificationRequest request, String idempotencyHeader,
                                                            String authorization, boolean forwarded) {
        Purpose purpose = VerificationValidator.validate(request);
        String idempotencyKey = VerificationValidator.idempotencyKey(idempotencyHeader);
        return router.ownerWithinDeadline(request.contractId()).thenCompose(owner -> {
            if (owner.isEmpty()) {
                return CompletableFuture.completedFuture(Problems.unavailable("no instance owns this contract yet (rebalancing)"));
            }
            if (router.isLocal(owner.get()) || forwarded) {
                try {
                    limits.contract(request.contractId());
                } catch (jp.shinkin.otp.service.limits.RateLimits.RateLimited e) {
                    return CompletableFuture.completedFuture(Problems.response("E4290", e.getMessage(), null)
                            .header("Retry-After", Long.toString(e.retryAfterSeconds())));
                }
                return decideHere(request, purpose, idempotencyKey);
            }
            return forward(owner.get(), request, idempotencyKey, authorization);
        });
    }

    private CompletableFuture<MutableHttpResponse<?>> decideHere(VerificationRequest request, Purpose purpose,
                                                                String idempotencyKey) {
        CommandMetadata metadata = gateway.metadata(new Actor(ActorType.CHANNEL, "verification-api"), idempotencyKey);
        VerificationRequest.Context ctx = request.context();
        VerifyOtpCommand command = VerifyOtpCommand.newBuilder()
                .setMetadata(metadata)
                .setContractId(request.contractId())
                .setPurpose(WireConversions.sameName(purpose, jp.shinkin.otp.wire.Purpose.class))
                .setOtp(WireConversions.sealedBytes(codes.seal(request.otp())))
                .setTransferHash(ctx == null ? null : ctx.transferHash())
                .setContext(ctx == null ? null : new RequestContext(ctx.clientIp(), ctx.deviceId(), ctx.userAgent()))
                .build();
        return gateway.submit(request.contractId(), command, metadata).handle((decided, error) -> error != null
                ? Problems.unavailable(error instanceof CommandGateway.NotDecided ? error.getMessage()
                        : "the command could not be decided; retry shortly")
                : answer(decided.outcome()));
    }

    private CompletableFuture<MutableHttpResponse<?>> forward(String owner, VerificationRequest request, String idempotencyKey,
                                                             String authorization) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder forward = forwarding.request(owner, "/v1/verifications", authorization,
                        config.getReplyTimeout().plusSeconds(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            forward.header("Idempotency-Key", idempotencyKey);
        }
        return forwarding.send(forward.build());
    }

    private static MutableHttpResponse<?> answer(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded s) {
            return HttpResponse.ok(new VerificationResponse("ACCEPTED", s.code().code()));
        }
        ErrorCode code = ((Outcome.Rejected) outcome).code();
        if (code == ErrorCode.E4000 || code == ErrorCode.E4220 || code == ErrorCode.E5030) {
            return Problems.response(code.name(), null, null);
        }
        return HttpResponse.ok(new VerificationResponse("REJECTED", code.name()));
    }

}
