package jp.shinkin.otp.credentials;

import static jp.shinkin.otp.credentials.WireConversions.sameName;
import static jp.shinkin.otp.credentials.WireConversions.sealedBytes;

import java.time.Instant;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.wire.ApprovalAction;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.RequestContext;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.SessionUse;
import jp.shinkin.otp.wire.SuspensionReason;
import jp.shinkin.otp.wire.command.AnswerLoginChallengeCommand;
import jp.shinkin.otp.wire.command.ChangeTransferLimitCommand;
import jp.shinkin.otp.wire.command.CompleteRegistrationCommand;
import jp.shinkin.otp.wire.command.CompleteStopCommand;
import jp.shinkin.otp.wire.command.ConfirmCurrentTokenCommand;
import jp.shinkin.otp.wire.command.DecideApprovalCommand;
import jp.shinkin.otp.wire.command.EndSessionsCommand;
import jp.shinkin.otp.wire.command.OpenContractCommand;
import jp.shinkin.otp.wire.command.RequestApprovalCommand;
import jp.shinkin.otp.wire.command.ResynchroniseCommand;
import jp.shinkin.otp.wire.command.SetContactCommand;
import jp.shinkin.otp.wire.command.SetLoginOtpRequiredCommand;
import jp.shinkin.otp.wire.command.StartLoginCommand;
import jp.shinkin.otp.wire.command.StartRegistrationCommand;
import jp.shinkin.otp.wire.command.StartStopCommand;
import jp.shinkin.otp.wire.command.SuspendTokenCommand;
import jp.shinkin.otp.wire.command.VerifyOtpCommand;
import org.apache.avro.specific.SpecificRecord;

/**
 * The inverse of {@link CommandReader}: a submission becomes the wire command the single writer
 * reads, with every code sealed. A registration carries only the token ID; the token's sealed seed
 * and parameters are the issuer's and are looked up where the command is decided.
 */
public final class CommandWriter {
    private final CodeSealer codes;

    public CommandWriter(CodeSealer codes) {
        this.codes = codes;
    }

    /** The command as written to {@code otp.commands}: stamped with its ID (also the correlation ID) and time. */
    public SpecificRecord write(Submission submission, String commandId, Instant issuedAt) {
        ContractCommand command = submission.command();
        SessionUse session = null;
        if (command instanceof ContractCommand.InSession in) {
            // The session rides in the metadata: any command may come in one, its own record unchanged.
            session = new SessionUse(in.session().session(), in.session().epoch(),
                    in.session().presentedLastUse(), in.session().renewedAt());
            command = in.command();
        }
        CommandMetadata meta = CommandMetadata.newBuilder().setCommandId(commandId).setIssuedAt(issuedAt)
                .setCorrelationId(commandId)
                .setActor(WireConversions.actor(submission.origin()))
                .setIdempotencyKey(submission.idempotencyKey().orElse(null))
                .setSession(session).build();
        return write(meta, submission.contractId(), command, context(submission));
    }

    private SpecificRecord write(CommandMetadata meta, String id, ContractCommand command, RequestContext context) {
        if (command instanceof ContractCommand.OpenContract c) {
            return new OpenContractCommand(meta, id, c.passwordHash());
        } else if (command instanceof ContractCommand.StartLogin c) {
            return new StartLoginCommand(meta, id, c.challengeId(), c.passwordMatched());
        } else if (command instanceof ContractCommand.AnswerLoginChallenge c) {
            return new AnswerLoginChallengeCommand(meta, id, c.challengeId(), seal(c.otp()), context);
        } else if (command instanceof ContractCommand.VerifyOtp c) {
            return new VerifyOtpCommand(meta, id, sameName(c.purpose(), Purpose.class), seal(c.otp()),
                    c.transferHash().orElse(null), context, c.amount().map(Money::amount).orElse(null),
                    c.amount().map(Money::currency).orElse(null));
        } else if (command instanceof ContractCommand.StartRegistration c) {
            return new StartRegistrationCommand(meta, id, c.registrationId(), c.passwordMatched());
        } else if (command instanceof ContractCommand.ConfirmCurrentToken c) {
            return new ConfirmCurrentTokenCommand(meta, id, c.registrationId(), seal(c.otp()));
        } else if (command instanceof ContractCommand.CompleteRegistration c) {
            return new CompleteRegistrationCommand(meta, id, c.registrationId(), c.tokenId().value(), seal(c.otp()));
        } else if (command instanceof ContractCommand.StartStop c) {
            return new StartStopCommand(meta, id, c.stopId(), c.passwordMatched());
        } else if (command instanceof ContractCommand.CompleteStop c) {
            return new CompleteStopCommand(meta, id, c.stopId(), seal(c.otp()), c.retire());
        } else if (command instanceof ContractCommand.SetLoginOtpRequired c) {
            return new SetLoginOtpRequiredCommand(meta, id, c.required(), c.otp().map(this::seal).orElse(null));
        } else if (command instanceof ContractCommand.ChangeTransferLimit c) {
            return new ChangeTransferLimitCommand(meta, id, c.dailyLimit().amount(), c.dailyLimit().currency(), seal(c.otp()));
        } else if (command instanceof ContractCommand.SetContact c) {
            return new SetContactCommand(meta, id,
                    c.address().map(WireConversions::sealedBytes).orElse(null), c.language().tag(), c.operator());
        } else if (command instanceof ContractCommand.SuspendToken c) {
            return new SuspendTokenCommand(meta, id, sameName(c.reason(), SuspensionReason.class), c.operator());
        } else if (command instanceof ContractCommand.EndSessions) {
            return new EndSessionsCommand(meta, id);
        } else if (command instanceof ContractCommand.RequestApproval c) {
            return new RequestApprovalCommand(meta, id, c.requestId(), sameName(c.action(), ApprovalAction.class),
                    c.requestedBy(), c.requestedByName(), c.reason(), c.ttlSeconds());
        } else if (command instanceof ContractCommand.DecideApproval c) {
            return new DecideApprovalCommand(meta, id, c.requestId(), c.approve(), c.decidedBy(), c.decidedByName(), c.reason());
        } else if (command instanceof ContractCommand.Resynchronise c) {
            return new ResynchroniseCommand(meta, id, seal(c.firstOtp()), seal(c.secondOtp()), c.operator());
        }
        // ResolveTokenClaim is the token-claim step's answer, written inside the topology, never by the edge.
        // ResetToken and Unlock are only the effects of an approved request (maker-checker): no edge asks for them.
        throw new IllegalArgumentException("not a command the edge submits: " + command.getClass().getSimpleName());
    }

    private SealedBytes seal(String code) {
        return sealedBytes(codes.seal(code));
    }

    private static RequestContext context(Submission submission) {
        return submission.context().map(c -> new RequestContext(c.clientIp(), c.deviceId(), c.userAgent())).orElse(null);
    }
}
