package jp.shinkin.otp.credentials;

import static jp.shinkin.otp.credentials.WireConversions.sealed;

import java.util.Optional;
import jp.shinkin.otp.domain.contract.ApprovalAction;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.contract.SuspensionReason;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.domain.token.TokenClaims;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.command.AnswerLoginChallengeCommand;
import jp.shinkin.otp.wire.command.ChangeTransferLimitCommand;
import jp.shinkin.otp.wire.command.CompleteRegistrationCommand;
import jp.shinkin.otp.wire.command.CompleteStopCommand;
import jp.shinkin.otp.wire.command.ConfirmCurrentTokenCommand;
import jp.shinkin.otp.wire.command.DecideApprovalCommand;
import jp.shinkin.otp.wire.command.EndSessionsCommand;
import jp.shinkin.otp.wire.command.OpenContractCommand;
import jp.shinkin.otp.wire.command.RequestApprovalCommand;
import jp.shinkin.otp.wire.command.ResetTokenCommand;
import jp.shinkin.otp.wire.command.ResolveTokenClaimCommand;
import jp.shinkin.otp.wire.command.ResynchroniseCommand;
import jp.shinkin.otp.wire.command.SetContactCommand;
import jp.shinkin.otp.wire.command.SetLoginOtpRequiredCommand;
import jp.shinkin.otp.wire.command.StartLoginCommand;
import jp.shinkin.otp.wire.command.StartRegistrationCommand;
import jp.shinkin.otp.wire.command.StartStopCommand;
import jp.shinkin.otp.wire.command.SuspendTokenCommand;
import jp.shinkin.otp.wire.command.UnlockCommand;
import jp.shinkin.otp.wire.command.VerifyOtpCommand;
import org.apache.avro.specific.SpecificRecord;

/** Turns a wire command into a domain command, opening sealed codes only in memory. */
public final class CommandReader {
    private final CodeSealer codes;
    private final TokenDirectory tokens;

    public CommandReader(CodeSealer codes, TokenDirectory tokens) {
        this.codes = codes;
        this.tokens = tokens;
    }

    /** A value this reader can turn into a command (or into the reason it cannot be one): a command record. */
    public static boolean isCommand(SpecificRecord record) {
        return record != null && record.getClass().getPackageName().equals(VerifyOtpCommand.class.getPackageName());
    }

    public ReadCommand read(SpecificRecord record) {
        CommandMetadata meta = (CommandMetadata) record.get(record.getSchema().getField("metadata").pos());
        String contractId = record.get(record.getSchema().getField("contractId").pos()).toString();
        Optional<String> replyTo = record instanceof ResolveTokenClaimCommand r ? Optional.of(r.getReplyTo()) : Optional.empty();
        try {
            ContractCommand command = toDomain(record);
            if (meta.getSession() != null) {
                jp.shinkin.otp.wire.SessionUse s = meta.getSession();
                command = new ContractCommand.InSession(new jp.shinkin.otp.domain.contract.SessionUse(s.getSession(), s.getEpoch(),
                        s.getPresentedLastUse(), s.getRenewedAt()), command);
            }
            return new ReadCommand(meta, contractId, Optional.of(command), Optional.empty(), replyTo);
        } catch (Unreadable e) {
            return new ReadCommand(meta, contractId, Optional.empty(), Optional.of(e.code), replyTo);
        } catch (SecretUnavailableException | IllegalArgumentException e) {
            return new ReadCommand(meta, contractId, Optional.empty(), Optional.of(ErrorCode.E4000), replyTo);
        }
    }

    private ContractCommand toDomain(SpecificRecord record) {
        if (record instanceof OpenContractCommand c) {
            return new ContractCommand.OpenContract(c.getPasswordHash());
        } else if (record instanceof StartLoginCommand c) {
            return new ContractCommand.StartLogin(c.getChallengeId(), c.getPasswordMatched());
        } else if (record instanceof AnswerLoginChallengeCommand c) {
            return new ContractCommand.AnswerLoginChallenge(c.getChallengeId(), code(c.getOtp()));
        } else if (record instanceof VerifyOtpCommand c) {
            if (c.getPurpose() == jp.shinkin.otp.wire.Purpose.OTHER) {
                throw new Unreadable(ErrorCode.E4000);
            }
            Optional<Money> amount = c.getAmount() == null ? Optional.empty() : Optional.of(new Money(c.getAmount(), c.getCurrency()));
            return new ContractCommand.VerifyOtp(WireConversions.sameName(c.getPurpose(), Purpose.class), code(c.getOtp()),
                    Optional.ofNullable(c.getTransferHash()), amount);
        } else if (record instanceof StartRegistrationCommand c) {
            return new ContractCommand.StartRegistration(c.getRegistrationId(), c.getPasswordMatched());
        } else if (record instanceof ConfirmCurrentTokenCommand c) {
            return new ContractCommand.ConfirmCurrentToken(c.getRegistrationId(), code(c.getOtp()));
        } else if (record instanceof CompleteRegistrationCommand c) {
            TokenId tokenId = TokenId.parse(c.getTokenId());
            TokenIssued token = tokens.find(tokenId.value()).orElseThrow(() -> new Unreadable(ErrorCode.E1005));
            return new ContractCommand.CompleteRegistration(c.getRegistrationId(), tokenId, sealed(token.getSealedSeed()),
                    WireConversions.totp(token.getTotp()), code(c.getOtp()));
        } else if (record instanceof ResolveTokenClaimCommand c) {
            return new ContractCommand.ResolveTokenClaim(c.getRegistrationId(), new TokenId(c.getTokenId()), c.getGranted(),
                    Optional.ofNullable(c.getRefusal()).map(r -> TokenClaims.Refusal.valueOf(r)));
        } else if (record instanceof StartStopCommand c) {
            return new ContractCommand.StartStop(c.getStopId(), c.getPasswordMatched());
        } else if (record instanceof CompleteStopCommand c) {
            return new ContractCommand.CompleteStop(c.getStopId(), code(c.getOtp()), c.getRetire());
        } else if (record instanceof SetLoginOtpRequiredCommand c) {
            return new ContractCommand.SetLoginOtpRequired(c.getRequired(), Optional.ofNullable(c.getOtp()).map(this::code));
        } else if (record instanceof ChangeTransferLimitCommand c) {
            return new ContractCommand.ChangeTransferLimit(new Money(c.getDailyLimit(), c.getCurrency()), code(c.getOtp()));
        } else if (record instanceof SetContactCommand c) {
            return new ContractCommand.SetContact(Optional.ofNullable(c.getSealedAddress()).map(WireConversions::sealed),
                    NoticeLanguage.ofTag(c.getLanguage())
                            .orElse(NoticeLanguage.JA), c.getOperator());
        } else if (record instanceof ResetTokenCommand c) {
            return new ContractCommand.ResetToken(c.getOperator(), c.getReason());
        } else if (record instanceof SuspendTokenCommand c) {
            return new ContractCommand.SuspendToken(WireConversions.sameName(c.getReason(), SuspensionReason.class), c.getOperator());
        } else if (record instanceof UnlockCommand c) {
            return new ContractCommand.Unlock(c.getOperator(), c.getReason());
        } else if (record instanceof EndSessionsCommand) {
            return new ContractCommand.EndSessions();
        } else if (record instanceof RequestApprovalCommand c) {
            return new ContractCommand.RequestApproval(c.getRequestId(), WireConversions.sameName(c.getAction(),
                    ApprovalAction.class), c.getRequestedBy(), c.getRequestedByName(), c.getReason(),
                    c.getTtlSeconds());
        } else if (record instanceof DecideApprovalCommand c) {
            return new ContractCommand.DecideApproval(c.getRequestId(), c.getApprove(), c.getDecidedBy(), c.getDecidedByName(),
                    c.getReason());
        } else if (record instanceof ResynchroniseCommand c) {
            return new ContractCommand.Resynchronise(code(c.getFirstOtp()), code(c.getSecondOtp()), c.getOperator());
        }
        throw new Unreadable(ErrorCode.E4000);
    }

    private String code(SealedBytes sealed) {
        return codes.open(WireConversions.sealed(sealed));
    }

    private static final class Unreadable extends RuntimeException {
        private final ErrorCode code;

        Unreadable(ErrorCode code) {
            super(code.name(), null, false, false);
            this.code = code;
        }
    }
}
