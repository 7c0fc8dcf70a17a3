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
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.metrics.PlatformMetrics;
import jp.shinkin.otp.service.routing.OwnerForwarding;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.validation.RequestFields;

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

    /** Checks the request field by field (the first bad one is named in the E4000) and makes it a command. */
    private static Submission submission(VerificationRequest request, String idempotencyHeader) {
        RequestFields.require(request);
        String contractId = RequestFields.contractId(request.contractId(), "contractId");
        String otp = RequestFields.otp(request.otp());
        Purpose purpose = RequestFields.purpose(request.purpose());
        VerificationRequest.Context ctx = request.context();
        ChannelContext channel = null;
        String transferHash = null;
        if (ctx != null) {
            channel = RequestFields.channelContext(ctx.clientIp(), ctx.deviceId(), ctx.userAgent(), "context.");
            transferHash = RequestFields.transferHash(ctx.transferHash(), "context.transferHash");
        }
        Optional<Money> amount = Optional.empty();
        if (purpose == Purpose.TRANSFER) {
            if (transferHash == null) {
                throw ApiException.badField("context.transferHash", "required for TRANSFER");
            }
            if (ctx.amount() == null || ctx.currency() == null) {
                // The daily limit applies to every transfer a code authorizes, whichever endpoint asks.
                throw ApiException.badField(ctx.amount() == null ? "context.amount" : "context.currency",
                        "required for TRANSFER (the daily transfer limit applies)");
            }
            amount = Optional.of(RequestFields.money(ctx.amount(), ctx.currency(), "context.amount"));
        }
        String idempotencyKey = RequestFields.idempotencyKey(idempotencyHeader);
        return new Submission(contractId, new ContractCommand.VerifyOtp(purpose, otp, Optional.ofNullable(transferHash), amount),
                ORIGIN, Optional.ofNullable(idempotencyKey), Optional.ofNullable(channel));
    }

    public CompletableFuture<MutableHttpResponse<?>> verify(HttpRequest<?> http, VerificationRequest request,
                                                            String idempotencyHeader) {
        Submission submission = submission(request, idempotencyHeader);
        String purpose = ((ContractCommand.VerifyOtp) submission.command()).purpose().name();
        long started = System.nanoTime();
        // Timed where the channel is answered: a request forwarded here by another instance is timed there.
        boolean forwarded = forwarding.isForwarded(http);
        return owner.decide(http, Relay.as(http, request), submission, VerificationService::answer)
                .whenComplete((answer, error) -> {
                    if (!forwarded) {
                        metrics.verification(purpose, resultCode(answer), System.nanoTime() - started);
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
