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
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.service.credentials.CommandGateway;
import jp.shinkin.otp.service.credentials.LocalStores;
import jp.shinkin.otp.service.credentials.OwnerRouting;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.TicketIssued;
import jp.shinkin.otp.wire.command.CompleteRegistrationCommand;
import jp.shinkin.otp.wire.command.ConfirmCurrentTokenCommand;
import jp.shinkin.otp.wire.command.StartRegistrationCommand;

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
    private final OwnerRouting routing;
    private final CommandGateway gateway;
    private final TicketIds tickets;
    private final CodeSealer codes;
    private final LocalStores stores;

    public RegistrationsController(FlowSteps steps, OwnerRouting routing, CommandGateway gateway, TicketIds tickets,
                                   CodeSealer codes, LocalStores stores) {
        this.steps = steps;
        this.routing = routing;
        this.gateway = gateway;
        this.tickets = tickets;
        this.codes = codes;
        this.stores = stores;
    }

    /** {@code {"registrationId","currentTokenOtpRequired"}}: true when a token is active (device change). */
    @Post
    public MutableHttpResponse<?> start(HttpRequest<?> request, @Nullable @Body FlowRequests.Credentials body) {
        return steps.password(request, body, StartRegistrationCommand::new, (contractId, registrationId, decided) -> {
            boolean currentTokenRequired = decided.events().stream().filter(TicketIssued.class::isInstance)
                    .map(TicketIssued.class::cast).anyMatch(TicketIssued::getCurrentTokenRequired);
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
        return steps.code(request, registrationId, body, ConfirmCurrentTokenCommand::new,
                (contractId, ticketId, decided) -> FlowAnswers.code(decided));
    }

    /** The new token's ID and code: {@code 00001} registered, {@code 00003} token changed. */
    @Post("/{registrationId}/complete")
    public MutableHttpResponse<?> complete(HttpRequest<?> request, @PathVariable String registrationId,
                                           @Nullable @Body FlowRequests.NewToken body) {
        String contractId = tickets.contractOf(registrationId);
        FlowValidation.require(body);
        TokenId tokenId = FlowValidation.tokenId(body.tokenId());
        String otp = FlowValidation.otp(body.otp());
        return routing.atOwner(contractId, request, body, () -> {
            // The topology reads the token from the same global store; wait here for a token just issued elsewhere.
            stores.issuedTokenWithin(tokenId.value(), NEW_TOKEN_PATIENCE);
            CommandMetadata meta = gateway.metadata(FlowAnswers.CHANNEL, null);
            return FlowAnswers.code(gateway.decide(contractId, new CompleteRegistrationCommand(meta, contractId,
                    tickets.reference(registrationId), tokenId.value(), WireConversions.sealedBytes(codes.seal(otp))), meta));
        });
    }
}
