package jp.shinkin.otp.service.verification;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shinkin.otp.credentials.ChannelContext;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.flows.FlowAnswers;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.metrics.PlatformMetrics;
import jp.shinkin.otp.service.routing.OwnerForwarding;
import jp.shinkin.otp.service.routing.Relay;

/**
 * The low-latency core: a checked request becomes a {@code VerifyOtp} for the contract's single
 * writer ({@link ContractOwner}: routed, written acks=all, answered once committed), and the
 * decision becomes ACCEPTED or REJECTED. Nothing here blocks a thread.
 */
@Singleton
public class VerificationService {
    private static final Origin ORIGIN = Origin.channel("verification-api");

    private final ContractOwner owner;
    private final PlatformMetrics metrics;

    private final OwnerForwarding forwarding;

    public VerificationService(ContractOwner owner, PlatformMetrics metrics,
                               OwnerForwarding forwarding) {
        this.owner = owner;
        this.metrics = metrics;
        this.forwarding = forwarding;
    }

    public CompletableFuture<MutableHttpResponse<?>> verify(HttpRequest<?> http, VerificationRequest request,
                                                            String idempotencyHeader) {
        Purpose purpose = VerificationValidator.validate(request);
        String idempotencyKey = VerificationValidator.idempotencyKey(idempotencyHeader);
        VerificationRequest.Context ctx = request.context();
        Submission submission = new Submission(request.contractId(),
                new ContractCommand.VerifyOtp(purpose, request.otp(), Optional.ofNullable(ctx == null ? null : ctx.transferHash()),
                        VerificationValidator.amount(purpose, ctx)),
                ORIGIN, Optional.ofNullable(idempotencyKey),
                Optional.ofNullable(ctx == null ? null : new ChannelContext(ctx.clientIp(), ctx.deviceId(), ctx.userAgent())));
        long started = System.nanoTime();
        // Timed where the channel is answered: a request forwarded here by another instance is timed there.
        boolean forwarded = forwarding.isForwarded(http);
        return owner.decide(http, Relay.as(http, request), submission, VerificationService::answer)
                .whenComplete((answer, error) -> {
                    if (!forwarded) {
                        metrics.verification(purpose.name(), resultCode(answer), System.nanoTime() - started);
                    }
                });
    }

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]{5})\"");

    /** The answer's result code, whether answered here or relayed from the owner as JSON text. */
    static String resultCode(MutableHttpResponse<?> answer) {
        if (answer == null) {
            return "none";
        }
        Object body = answer.getBody().orElse(null);
        if (body instanceof VerificationResponse r) {
            return r.code();
        }
        if (body instanceof Problem p) {
            return p.code();
        }
        if (body instanceof String text) {
            Matcher m = CODE.matcher(text);
            return m.find() ? m.group(1) : "none";
        }
        return "none";
    }

    private static MutableHttpResponse<?> answer(Decided decided) {
        Outcome outcome = decided.outcome();
        if (outcome instanceof Outcome.Succeeded s) {
            return HttpResponse.ok(new VerificationResponse("ACCEPTED", s.code().code()));
        }
        ErrorCode code = ((Outcome.Rejected) outcome).code();
        if (code == ErrorCode.E4000 || code == ErrorCode.E4220 || code == ErrorCode.E5030) {
            return Problems.response(code.name(), null, null);
        }
        String remaining = decided.events(ContractEvent.TransferRefused.class).findFirst()
                .map(r -> r.remaining().amount()).orElse(null);
        return HttpResponse.ok(new VerificationResponse("REJECTED", code.name(), FlowAnswers.attemptsLeft(decided).orElse(null),
                remaining));
    }
}
