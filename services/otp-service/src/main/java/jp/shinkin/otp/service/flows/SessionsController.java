package jp.shinkin.otp.service.flows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.service.credentials.CommandGateway;
import jp.shinkin.otp.service.credentials.Decided;
import jp.shinkin.otp.service.credentials.OwnerRouting;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.TicketIssued;
import jp.shinkin.otp.wire.command.AnswerLoginChallengeCommand;
import jp.shinkin.otp.wire.command.StartLoginCommand;

/**
 * Login (role channel): ID + password, then the code when the contract's login OTP is on.
 * {@code POST /v1/sessions} and {@code POST /v1/sessions/challenges/{challengeId}}.
 */
@Controller("/v1/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionsController {
    private final OwnerRouting routing;
    private final CommandGateway gateway;
    private final PasswordCheck passwords;
    private final TicketIds tickets;
    private final SessionTokens sessions;
    private final CodeSealer codes;

    public SessionsController(OwnerRouting routing, CommandGateway gateway, PasswordCheck passwords, TicketIds tickets,
                              SessionTokens sessions, CodeSealer codes) {
        this.routing = routing;
        this.gateway = gateway;
        this.passwords = passwords;
        this.tickets = tickets;
        this.sessions = sessions;
        this.codes = codes;
    }

    /** {@code AUTHENTICATED} with a session, or {@code OTP_REQUIRED} with a challenge to answer within 5 minutes. */
    @Post
    public MutableHttpResponse<?> login(HttpRequest<?> request, @Nullable @Body FlowRequests.Credentials body) {
        FlowValidation.require(body);
        String contractId = FlowValidation.contractId(body.contractId(), "contractId");
        String password = FlowValidation.password(body.password());
        return routing.atOwner(contractId, request, body, () -> {
            String challengeId = tickets.newId(contractId);
            CommandMetadata meta = gateway.metadata(FlowAnswers.CHANNEL, null);
            Decided decided = gateway.decide(contractId, new StartLoginCommand(meta, contractId, challengeId,
                    passwords.matches(contractId, password)), meta);
            if (!decided.succeeded()) {
                return FlowAnswers.problem(decided);
            }
            if (decided.wrote(TicketIssued.class)) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", "OTP_REQUIRED");
                answer.put("challengeId", challengeId);
                return HttpResponse.ok(answer);
            }
            return authenticated(contractId);
        });
    }

    @Post("/challenges/{challengeId}")
    public MutableHttpResponse<?> answer(HttpRequest<?> request, @PathVariable String challengeId,
                                         @Nullable @Body FlowRequests.Code body) {
        String contractId = tickets.contractOf(challengeId);
        FlowValidation.require(body);
        String otp = FlowValidation.otp(body.otp());
        return routing.atOwner(contractId, request, body, () -> {
            CommandMetadata meta = gateway.metadata(FlowAnswers.CHANNEL, null);
            Decided decided = gateway.decide(contractId, new AnswerLoginChallengeCommand(meta, contractId, challengeId,
                    WireConversions.sealedBytes(codes.seal(otp)), null), meta);
            return decided.succeeded() ? authenticated(contractId) : FlowAnswers.problem(decided);
        });
    }

    private MutableHttpResponse<?> authenticated(String contractId) {
        String session = sessions.issue(contractId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "AUTHENTICATED");
        answer.put("sessionId", session);
        return HttpResponse.ok(answer).header(SessionHeader.NAME, session);
    }
}
