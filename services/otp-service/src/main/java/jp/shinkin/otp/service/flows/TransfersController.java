package jp.shinkin.otp.service.flows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.shinkin.otp.credentials.ChannelContext;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.contract.TransferDetails;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.sessions.SessionEpochs;
import jp.shinkin.otp.service.sessions.SessionHeader;
import jp.shinkin.otp.service.sessions.SessionTokens;
import jp.shinkin.otp.service.validation.RequestFields;

/**
 * Transfer authorization within a session (role channel): the code is mandatory and is bound to
 * the transfer: the OtpVerified event records the SHA-256 of from|to|amount|currency, and a code,
 * once accepted, is never accepted again (so it cannot authorize a second transfer).
 */
@Controller("/v1/transfers/authorizations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TransfersController {
    private final ContractOwner owner;
    private final SessionTokens sessions;
    private final SessionEpochs epochs;

    public TransfersController(ContractOwner owner, SessionTokens sessions, SessionEpochs epochs) {
        this.owner = owner;
        this.sessions = sessions;
        this.epochs = epochs;
    }

    @Post
    public MutableHttpResponse<?> authorize(HttpRequest<?> request, @Nullable @Header(SessionHeader.NAME) String sessionHeader,
                                            @Nullable @Body FlowRequests.Transfer body) {
        RequestFields.require(body);
        SessionTokens.Session session = sessions.check(SessionHeader.of(sessionHeader, body.sessionId()));
        String contractId = session.contractId();
        Money money = RequestFields.money(body.amount(), body.currency(), "amount");
        TransferDetails transfer;
        try {
            transfer = new TransferDetails(body.fromAccount(), body.toAccount(), money);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("toAccount") ? "toAccount" : "fromAccount";
            throw ApiException.badField(field, "1-34 of A-Z, a-z, 0-9 and '-'");
        }
        String otp = RequestFields.otp(body.otp());
        ChannelContext context = RequestContexts.of(body.context());
        String hash = transfer.hash();
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            epochs.requireCurrent(session);
            Decided decided = owner.decide(Submission.of(contractId,
                    session.within(new ContractCommand.VerifyOtp(Purpose.TRANSFER, otp, Optional.of(hash), Optional.of(money))),
                    FlowAnswers.CHANNEL)
                    .withContext(context));
            if (!decided.succeeded()) {
                Optional<ContractEvent.TransferRefused> refused = decided.events(ContractEvent.TransferRefused.class).findFirst();
                MutableHttpResponse<?> problem = refused.isEmpty() ? FlowAnswers.problem(decided)
                        : Problems.withMembers("E1015", "above today's remaining transfer limit: " + refused.get().remaining().amount()
                                + " " + refused.get().remaining().currency() + " left (the code was not used)",
                                remainingMembers(refused.get()));
                return SessionHeader.renewed(problem, decided, session);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("authorizationId", decided.commandId());
            answer.put("code", decided.resultCode().orElseThrow().code());
            answer.put("transferHash", hash);
            return SessionHeader.renewed(HttpResponse.ok(answer), decided, session);
        });
    }

    /** The amount left, then its currency: in a fixed order (a Map.of's order changes from run to run). */
    private static Map<String, Object> remainingMembers(ContractEvent.TransferRefused refused) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("remaining", refused.remaining().amount());
        members.put("currency", refused.remaining().currency());
        return members;
    }
}
