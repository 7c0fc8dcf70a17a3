package jp.shinkin.otp.service.flows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.sessions.SessionEpochs;
import jp.shinkin.otp.service.sessions.SessionHeader;
import jp.shinkin.otp.service.sessions.SessionTokens;
import jp.shinkin.otp.service.validation.RequestFields;

/**
 * The contract's settings within a session (role channel): the login authentication setting
 * (switching it off needs a code) and the daily transfer limit (always needs a code).
 */
@Controller("/v1/contracts/{contractId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContractSettingsController {
    private final ContractOwner owner;
    private final SessionTokens sessions;
    private final SessionEpochs epochs;

    public ContractSettingsController(ContractOwner owner, SessionTokens sessions, SessionEpochs epochs) {
        this.owner = owner;
        this.sessions = sessions;
        this.epochs = epochs;
    }

    /** The settings screens' current values, within the contract's own session (a read does not renew it). */
    @Get("/settings")
    public CompletableFuture<MutableHttpResponse<?>> settings(HttpRequest<?> request, @PathVariable String contractId,
                                                              @Nullable @Header(SessionHeader.NAME) String sessionHeader) {
        SessionTokens.Session session = session(contractId, sessionHeader, null);
        return owner.read(contractId, request, state -> {
            SessionEpochs.requireCurrent(session, state);
            return CustomerSettings.of(state);
        });
    }

    @Put("/login-otp")
    public MutableHttpResponse<?> loginOtp(HttpRequest<?> request, @PathVariable String contractId,
                                           @Nullable @Header(SessionHeader.NAME) String sessionHeader,
                                           @Nullable @Body FlowRequests.LoginOtpSetting body) {
        RequestFields.require(body);
        SessionTokens.Session session = session(contractId, sessionHeader, body.sessionId());
        if (body.required() == null) {
            throw ApiException.badField("required", "true or false");
        }
        boolean required = body.required();
        String otp = required && body.otp() == null ? null : RequestFields.otp(body.otp());
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            epochs.requireCurrent(session);
            Decided decided = owner.decide(Submission.of(contractId,
                    session.within(new ContractCommand.SetLoginOtpRequired(required, Optional.ofNullable(otp))), FlowAnswers.CHANNEL));
            return SessionHeader.renewed(FlowAnswers.code(decided), decided, session);
        });
    }

    @Put("/transfer-limit")
    public MutableHttpResponse<?> transferLimit(HttpRequest<?> request, @PathVariable String contractId,
                                                @Nullable @Header(SessionHeader.NAME) String sessionHeader,
                                                @Nullable @Body FlowRequests.TransferLimit body) {
        RequestFields.require(body);
        SessionTokens.Session session = session(contractId, sessionHeader, body.sessionId());
        Money limit = RequestFields.money(body.dailyLimit(), body.currency(), "dailyLimit");
        String otp = RequestFields.otp(body.otp());
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            epochs.requireCurrent(session);
            Decided decided = owner.decide(Submission.of(contractId,
                    session.within(new ContractCommand.ChangeTransferLimit(limit, otp)), FlowAnswers.CHANNEL));
            return SessionHeader.renewed(FlowAnswers.code(decided), decided, session);
        });
    }

    private SessionTokens.Session session(String contractId, String header, String bodyMember) {
        RequestFields.contractId(contractId, "contractId");
        SessionTokens.Session session = sessions.check(SessionHeader.of(header, bodyMember));
        if (!session.contractId().equals(contractId)) {
            throw new ApiException(ErrorCode.E1007, "the session belongs to another contract", SessionHeader.NAME);
        }
        return session;
    }
}
