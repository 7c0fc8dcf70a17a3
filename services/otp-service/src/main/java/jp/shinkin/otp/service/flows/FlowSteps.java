package jp.shinkin.otp.service.flows;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.service.credentials.CommandGateway;
import jp.shinkin.otp.service.credentials.Decided;
import jp.shinkin.otp.service.credentials.OwnerRouting;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.SealedBytes;
import org.apache.avro.specific.SpecificRecord;

/**
 * The two kinds of screen every flow is made of, as the manuals draw them: contract ID + password
 * (opens a ticket: login challenge, registration, stop), then a code on that ticket. Each runs on
 * the contract's owner and waits for the single writer's decision.
 */
@Singleton
public class FlowSteps {
    private final OwnerRouting routing;
    private final CommandGateway gateway;
    private final PasswordCheck passwords;
    private final TicketIds tickets;
    private final CodeSealer codes;

    public FlowSteps(OwnerRouting routing, CommandGateway gateway, PasswordCheck passwords, TicketIds tickets, CodeSealer codes) {
        this.routing = routing;
        this.gateway = gateway;
        this.passwords = passwords;
        this.tickets = tickets;
        this.codes = codes;
    }

    /** The command a password screen sends: the new ticket's reference and whether the password matched. */
    @FunctionalInterface
    public interface PasswordCommand {
        SpecificRecord of(CommandMetadata meta, String contractId, String ticketId, boolean passwordMatched);
    }

    /** The command a code screen sends: the ticket's reference and the code, sealed. */
    @FunctionalInterface
    public interface CodeCommand {
        SpecificRecord of(CommandMetadata meta, String contractId, String ticketId, SealedBytes otp);
    }

    /** What the channel is told when the command succeeded; a rejection is always its problem+json. */
    @FunctionalInterface
    public interface Answer {
        MutableHttpResponse<?> of(String contractId, String ticketId, Decided decided);
    }

    public MutableHttpResponse<?> password(HttpRequest<?> request, FlowRequests.Credentials body, PasswordCommand command,
                                           Answer answer) {
        FlowValidation.require(body);
        String contractId = FlowValidation.contractId(body.contractId(), "contractId");
        String password = FlowValidation.password(body.password());
        return routing.atOwner(contractId, request, body, () -> {
            String ticketId = tickets.newId(contractId);
            CommandMetadata meta = gateway.metadata(FlowAnswers.CHANNEL, null);
            Decided decided = gateway.decide(contractId,
                    command.of(meta, contractId, tickets.reference(ticketId), passwords.matches(contractId, password)), meta);
            return decided.succeeded() ? answer.of(contractId, ticketId, decided) : FlowAnswers.problem(decided);
        });
    }

    public MutableHttpResponse<?> code(HttpRequest<?> request, String ticketId, FlowRequests.Code body, CodeCommand command,
                                       Answer answer) {
        String contractId = tickets.contractOf(ticketId);
        FlowValidation.require(body);
        String otp = FlowValidation.otp(body.otp());
        return routing.atOwner(contractId, request, body, () -> {
            CommandMetadata meta = gateway.metadata(FlowAnswers.CHANNEL, null);
            Decided decided = gateway.decide(contractId,
                    command.of(meta, contractId, tickets.reference(ticketId), WireConversions.sealedBytes(codes.seal(otp))), meta);
            return decided.succeeded() ? answer.of(contractId, ticketId, decided) : FlowAnswers.problem(decided);
        });
    }
}
