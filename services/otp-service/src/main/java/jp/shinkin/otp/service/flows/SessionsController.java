package jp.shinkin.otp.service.flows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shinkin.otp.credentials.ChannelContext;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.sessions.SessionEpochs;
import jp.shinkin.otp.service.sessions.SessionHeader;
import jp.shinkin.otp.service.sessions.SessionTokens;

/**
 * Login (role channel): ID + password, then the code when the contract's login OTP is on.
 * {@code POST /v1/sessions} and {@code POST /v1/sessions/challenges/{challengeId}}.
 */
@Controller("/v1/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionsController {
    private final FlowSteps steps;
    private final SessionTokens sessions;
    private final SessionEpochs epochs;
    private final ContractOwner owner;

    public SessionsController(FlowSteps steps, SessionTokens sessions, SessionEpochs epochs, ContractOwner owner) {
        this.steps = steps;
        this.sessions = sessions;
        this.epochs = epochs;
        this.owner = owner;
    }

    /**
     * Log out ({@code X-Session-Id}): every session of the contract ends at once, on every instance
     * (the contract's session epoch moves on). 200 {@code 00000}; E1007 when the session is already over.
     */
    @Delete
    public MutableHttpResponse<?> logout(HttpRequest<?> request, @Nullable @Header(SessionHeader.NAME) String sessionHeader) {
        SessionTokens.Session session = sessions.check(SessionHeader.of(sessionHeader, null));
        String contractId = session.contractId();
        return owner.atOwner(contractId, request, new Relay("DELETE", "/v1/sessions", null), () -> {
            epochs.requireCurrent(session);
            return FlowAnswers.code(owner.decide(Submission.of(contractId, new ContractCommand.EndSessions(), FlowAnswers.CHANNEL)));
        });
    }

    /** {@code AUTHENTICATED} with a session, or {@code OTP_REQUIRED} with a challenge to answer within 5 minutes. */
    @Post
    public MutableHttpResponse<?> login(HttpRequest<?> request, @Nullable @Body FlowRequests.Credentials body) {
        return steps.password(request, body, ContractCommand.StartLogin::new, (contractId, challengeId, decided) -> {
            if (!decided.wrote(ContractEvent.TicketIssued.class)) {
                return authenticated(contractId);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", "OTP_REQUIRED");
            answer.put("challengeId", challengeId);
            return HttpResponse.ok(answer);
        });
    }

    @Post("/challenges/{challengeId}")
    public MutableHttpResponse<?> answer(HttpRequest<?> request, @PathVariable String challengeId,
                                         @Nullable @Body FlowRequests.Code body) {
        ChannelContext context = body == null ? null : RequestContexts.of(body.context());
        return steps.code(request, challengeId, body, context, ContractCommand.AnswerLoginChallenge::new,
                (contractId, ticketId, decided) -> authenticated(contractId));
    }

    private MutableHttpResponse<?> authenticated(String contractId) {
        String session = sessions.issue(contractId, epochs.current(contractId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "AUTHENTICATED");
        answer.put("sessionId", session);
        return HttpResponse.ok(answer).header(SessionHeader.NAME, session);
    }
}
