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
import java.util.Map;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.service.credentials.CommandGateway;
import jp.shinkin.otp.service.credentials.Decided;
import jp.shinkin.otp.service.credentials.OwnerRouting;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.command.CompleteStopCommand;
import jp.shinkin.otp.wire.command.StartStopCommand;

/** Stopping OTP use (role channel), two screens as the manuals show: ID + password, then the current code → 00002. */
@Controller("/v1/otp/stops")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StopsController {
    private final OwnerRouting routing;
    private final CommandGateway gateway;
    private final PasswordCheck passwords;
    private final TicketIds tickets;
    private final CodeSealer codes;

    public StopsController(OwnerRouting routing, CommandGateway gateway, PasswordCheck passwords, TicketIds tickets,
                           CodeSealer codes) {
        this.routing = routing;
        this.gateway = gateway;
        this.passwords = passwords;
        this.tickets = tickets;
        this.codes = codes;
    }

    @Post
    public MutableHttpResponse<?> start(HttpRequest<?> request, @Nullable @Body FlowRequests.Credentials body) {
        FlowValidation.require(body);
        String contractId = FlowValidation.contractId(body.contractId(), "contractId");
        String password = FlowValidation.password(body.password());
        return routing.atOwner(contractId, request, body, () -> {
            String stopId = tickets.newId(contractId);
            CommandMetadata meta = gateway.metadata(FlowAnswers.CHANNEL, null);
            Decided decided = gateway.decide(contractId, new StartStopCommand(meta, contractId, stopId,
                    passwords.matches(contractId, password)), meta);
            return decided.succeeded() ? HttpResponse.ok(Map.of("stopId", stopId)) : FlowAnswers.problem(decided);
        });
    }

    @Post("/{stopId}/complete")
    public MutableHttpResponse<?> complete(HttpRequest<?> request, @PathVariable String stopId,
                                           @Nullable @Body FlowRequests.Code body) {
        String contractId = tickets.contractOf(stopId);
        FlowValidation.require(body);
        String otp = FlowValidation.otp(body.otp());
        return routing.atOwner(contractId, request, body, () -> {
            CommandMetadata meta = gateway.metadata(FlowAnswers.CHANNEL, null);
            return FlowAnswers.code(gateway.decide(contractId, new CompleteStopCommand(meta, contractId, stopId,
                    WireConversions.sealedBytes(codes.seal(otp))), meta));
        });
    }
}
