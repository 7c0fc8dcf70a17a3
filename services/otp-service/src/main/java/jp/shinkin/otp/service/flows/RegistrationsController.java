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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.stores.LocalStores;
import jp.shinkin.otp.service.validation.RequestFields;

/**
 * OTP registration and device change (role channel), the manuals' screens in order:
 * ID + password → (device change: a code from the current token) → new token ID + its code.
 */
@Controller("/v1/otp/registrations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RegistrationsController {
    /** How long to wait for a token issued a moment ago on another instance to reach this one. */
    private static final Duration NEW_TOKEN_PATIENCE = Duration.ofSeconds(2);

    private final FlowSteps steps;
    private final ContractOwner owner;
    private final TicketIds tickets;
    private final LocalStores stores;

    public RegistrationsController(FlowSteps steps, ContractOwner owner, TicketIds tickets, LocalStores stores) {
        this.steps = steps;
        this.owner = owner;
        this.tickets = tickets;
        this.stores = stores;
    }

    /** {@code {"registrationId","currentTokenOtpRequired"}}: true when a token is active (device change). */
    @Post
    public MutableHttpResponse<?> start(HttpRequest<?> request, @Nullable @Body FlowRequests.Credentials body) {
        return steps.password(request, body, ContractCommand.StartRegistration::new, (contractId, registrationId, decided) -> {
            boolean currentTokenRequired = decided.events(ContractEvent.TicketIssued.class)
                    .anyMatch(issued -> issued.ticket().currentTokenRequired());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("registrationId", registrationId);
            answer.put("currentTokenOtpRequired", currentTokenRequired);
            return HttpResponse.ok(answer);
        });
    }

    /** Device change: a code from the token registered now. */
    @Post("/{registrationId}/current-token")
    public MutableHttpResponse<?> confirmCurrentToken(HttpRequest<?> request, @PathVariable String registrationId,
                                                      @Nullable @Body FlowRequests.Code body) {
        return steps.code(request, registrationId, body, ContractCommand.ConfirmCurrentToken::new,
                (contractId, ticketId, decided) -> FlowAnswers.code(decided));
    }

    /** The new token's ID and code: {@code 00001} registered, {@code 00003} token changed. */
    @Post("/{registrationId}/complete")
    public MutableHttpResponse<?> complete(HttpRequest<?> request, @PathVariable String registrationId,
                                           @Nullable @Body FlowRequests.NewToken body) {
        String contractId = tickets.contractOf(registrationId);
        RequestFields.require(body);
        TokenId tokenId = RequestFields.tokenId(body.tokenId());
        String otp = RequestFields.otp(body.otp());
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            // The topology reads the token from the same global store; wait here for a token just issued elsewhere.
            stores.isIssuedWithin(tokenId.value(), NEW_TOKEN_PATIENCE);
            return FlowAnswers.code(owner.decide(Submission.of(contractId,
                    ContractCommand.CompleteRegistration.asked(tickets.reference(registrationId), tokenId, otp), FlowAnswers.CHANNEL)));
        });
    }
}
