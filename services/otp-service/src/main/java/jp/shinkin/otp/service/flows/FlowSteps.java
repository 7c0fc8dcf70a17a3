package jp.shinkin.otp.service.flows;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import jp.shinkin.otp.credentials.ChannelContext;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.passwords.PasswordCheck;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.validation.RequestFields;

/**
 * The two kinds of screen every flow is made of, as the manuals draw them: contract ID + password
 * (opens a ticket: login challenge, registration, stop), then a code on that ticket. Each runs on
 * the contract's owner and waits for the single writer's decision.
 */
@Singleton
public class FlowSteps {
    private final ContractOwner owner;
    private final PasswordCheck passwords;
    private final TicketIds tickets;

    public FlowSteps(ContractOwner owner, PasswordCheck passwords, TicketIds tickets) {
        this.owner = owner;
        this.passwords = passwords;
        this.tickets = tickets;
    }

    /** The command a password screen sends: the new ticket's reference and whether the password matched. */
    @FunctionalInterface
    public interface PasswordCommand {
        ContractCommand of(String ticketReference, boolean passwordMatched);
    }

    /** The command a code screen sends: the ticket's reference and the code. */
    @FunctionalInterface
    public interface CodeCommand {
        ContractCommand of(String ticketReference, String otp);
    }

    /** What the channel is told when the command succeeded; a rejection is always its problem+json. */
    @FunctionalInterface
    public interface Answer {
        MutableHttpResponse<?> of(String contractId, String ticketId, Decided decided);
    }

    public MutableHttpResponse<?> password(HttpRequest<?> request, FlowRequests.Credentials body, PasswordCommand command,
                                           Answer answer) {
        RequestFields.require(body);
        String contractId = RequestFields.contractId(body.contractId(), "contractId");
        String password = RequestFields.password(body.password());
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            String ticketId = tickets.newId(contractId);
            Decided decided = owner.decide(Submission.of(contractId,
                    command.of(tickets.reference(ticketId), passwords.matches(contractId, password)), FlowAnswers.CHANNEL));
            return decided.succeeded() ? answer.of(contractId, ticketId, decided) : FlowAnswers.problem(decided);
        });
    }

    public MutableHttpResponse<?> code(HttpRequest<?> request, String ticketId, FlowRequests.Code body, CodeCommand command,
                                       Answer answer) {
        return code(request, ticketId, body, null, command, answer);
    }

    /** As above, with the channel's request context for the events (login: fraud analytics reads it). */
    public MutableHttpResponse<?> code(HttpRequest<?> request, String ticketId, FlowRequests.Code body, ChannelContext context,
                                       CodeCommand command, Answer answer) {
        String contractId = tickets.contractOf(ticketId);
        RequestFields.require(body);
        String otp = RequestFields.otp(body.otp());
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            Decided decided = owner.decide(Submission.of(contractId, command.of(tickets.reference(ticketId), otp),
                    FlowAnswers.CHANNEL).withContext(context));
            return decided.succeeded() ? answer.of(contractId, ticketId, decided) : FlowAnswers.problem(decided);
        });
    }
}
