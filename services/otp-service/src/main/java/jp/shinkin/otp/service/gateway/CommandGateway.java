package jp.shinkin.otp.service.gateway;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.shinkin.otp.credentials.CommandWriter;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.service.hosting.Deadlines;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.hosting.NotDecided;
import jp.shinkin.otp.service.hosting.PendingReplies;
import jp.shinkin.otp.service.metrics.PlatformMetrics;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a command for the contract's single writer and waits for its decision. Must run on the
 * contract's owner (see {@link ContractOwner}): the deciding task completes the reply in this JVM.
 */
@Singleton
public class CommandGateway {
    private final PendingReplies replies;
    private final CommandPublisher commands;
    private final CommandWriter writer;
    private final Clock clock;
    private final Deadlines deadlines;

    private final PlatformMetrics metrics;

    public CommandGateway(PendingReplies replies, CommandPublisher commands, CodeSealer codes, Clock clock,
                          Deadlines deadlines, PlatformMetrics metrics) {
        this.metrics = metrics;
        this.replies = replies;
        this.commands = commands;
        this.writer = new CommandWriter(codes);
        this.clock = clock;
        this.deadlines = deadlines;
    }

    /**
     * The decision on {@code submission}, stamped with a fresh command ID and the injected clock;
     * fails with {@link NotDecided} when the command could not be written or no decision came in time.
     */
    public CompletableFuture<Decided> submit(Submission submission) {
        String commandId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        SpecificRecord command = writer.write(submission, commandId, now);
        CompletableFuture<Decided> decided = replies.expect(commandId);
        try {
            commands.publish(submission.contractId(), command, now).whenComplete((written, error) -> {
                if (error != null) {
                    decided.completeExceptionally(new NotDecided("the command could not be written; retry shortly"));
                }
            });
        } catch (RuntimeException e) {
            // Thrown before the send was accepted (the registry unreachable for a new schema, the
            // producer closing): nothing was written, so nothing will be decided.
            replies.forget(commandId);
            return CompletableFuture.failedFuture(new NotDecided("the command could not be written; retry shortly"));
        }
        return decided.orTimeout(deadlines.getReplyTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((d, error) -> {
            if (error != null) {
                replies.forget(commandId);
            } else {
                metrics.decision(commandName(submission.command()), resultCode(d.outcome()));
                d.events(ContractEvent.ContractLocked.class)
                        .forEach(locked -> metrics.locked(locked.reason().name()));
            }
        }).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                    ? new NotDecided("no decision in time; retry with the same Idempotency-Key") : cause);
        });
    }

    private static String commandName(ContractCommand command) {
        return command instanceof ContractCommand.InSession s
                ? s.command().getClass().getSimpleName() : command.getClass().getSimpleName();
    }

    private static String resultCode(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded s) {
            return s.code().code();
        }
        if (outcome instanceof Outcome.Rejected r) {
            return r.code().name();
        }
        return "PENDING";
    }

    /** Blocking form for handlers that already run on the blocking pool. */
    public Decided decide(Submission submission) {
        try {
            return submit(submission).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof NotDecided n ? n : new NotDecided("the command could not be decided; retry shortly");
        }
    }
}
