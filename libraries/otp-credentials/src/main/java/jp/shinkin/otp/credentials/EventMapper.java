package jp.shinkin.otp.credentials;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.contract.ApprovalAction;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.LockReason;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import jp.shinkin.otp.domain.contract.PendingApproval;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.contract.SuspensionReason;
import jp.shinkin.otp.domain.contract.Ticket;
import jp.shinkin.otp.domain.contract.TicketKind;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.wire.ApprovalExpired;
import jp.shinkin.otp.wire.ApprovalGranted;
import jp.shinkin.otp.wire.ApprovalRejected;
import jp.shinkin.otp.wire.ApprovalRequested;
import jp.shinkin.otp.wire.ContactChanged;
import jp.shinkin.otp.wire.ContractLocked;
import jp.shinkin.otp.wire.ContractOpened;
import jp.shinkin.otp.wire.ContractUnlocked;
import jp.shinkin.otp.wire.CurrentTokenConfirmed;
import jp.shinkin.otp.wire.DeviceChanged;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.LockoutWarningIssued;
import jp.shinkin.otp.wire.LoginOtpSettingChanged;
import jp.shinkin.otp.wire.OtpRejected;
import jp.shinkin.otp.wire.OtpReplayRejected;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.PasswordAccepted;
import jp.shinkin.otp.wire.PasswordRejected;
import jp.shinkin.otp.wire.RequestContext;
import jp.shinkin.otp.wire.SessionRenewed;
import jp.shinkin.otp.wire.SessionsEnded;
import jp.shinkin.otp.wire.TicketConsumed;
import jp.shinkin.otp.wire.TicketIssued;
import jp.shinkin.otp.wire.TokenClaimRefused;
import jp.shinkin.otp.wire.TokenClaimRequested;
import jp.shinkin.otp.wire.TokenRegistered;
import jp.shinkin.otp.wire.TokenReleased;
import jp.shinkin.otp.wire.TokenReset;
import jp.shinkin.otp.wire.TokenResynchronised;
import jp.shinkin.otp.wire.TokenStopped;
import jp.shinkin.otp.wire.TokenSuspended;
import jp.shinkin.otp.wire.TransferAuthorized;
import jp.shinkin.otp.wire.TransferLimitChanged;
import jp.shinkin.otp.wire.TransferRefused;
import org.apache.avro.specific.SpecificRecord;

import static jp.shinkin.otp.credentials.WireConversions.sameName;
import static jp.shinkin.otp.credentials.WireConversions.sealed;
import static jp.shinkin.otp.credentials.WireConversions.sealedBytes;
import static jp.shinkin.otp.credentials.WireConversions.totp;
import static jp.shinkin.otp.credentials.WireConversions.totpSpec;


/** Domain events to their Avro records (with metadata) and back; one mapper for the aggregate. */
public final class EventMapper {
    private EventMapper() {
    }

    public static SpecificRecord toWire(ContractEvent event, int index, EventContext ctx) {
        EventMetadata m = EventMetadata.newBuilder()
                .setEventId(WireConversions.derivedId(ctx.commandId(), "event", index))
                .setOccurredAt(ctx.occurredAt())
                .setCorrelationId(ctx.correlationId())
                .setActor(ctx.actor())
                .setCausationId(ctx.commandId())
                .build();
        String c = ctx.contractId();
        RequestContext request = ctx.request().orElse(null);
        if (event instanceof ContractEvent.ContractOpened e) {
            return new ContractOpened(m, c, e.passwordHash());
        } else if (event instanceof ContractEvent.PasswordAccepted e) {
            return new PasswordAccepted(m, c, sameName(e.forStep(), jp.shinkin.otp.wire.TicketKind.class));
        } else if (event instanceof ContractEvent.PasswordRejected e) {
            return new PasswordRejected(m, c, e.consecutiveFailures());
        } else if (event instanceof ContractEvent.TicketIssued e) {
            Ticket t = e.ticket();
            return new TicketIssued(m, c, t.id(), sameName(t.kind(), jp.shinkin.otp.wire.TicketKind.class),
                    t.expiresAt(), t.currentTokenRequired());
        } else if (event instanceof ContractEvent.TicketConsumed e) {
            return new TicketConsumed(m, c, e.ticketId(), sameName(e.kind(), jp.shinkin.otp.wire.TicketKind.class));
        } else if (event instanceof ContractEvent.CurrentTokenConfirmed e) {
            return new CurrentTokenConfirmed(m, c, e.registrationId());
        } else if (event instanceof ContractEvent.OtpVerified e) {
            return new OtpVerified(m, c, e.tokenId().value(), sameName(e.purpose(), jp.shinkin.otp.wire.Purpose.class),
                    e.step(), e.driftSteps(), e.transferHash().orElse(null), request);
        } else if (event instanceof ContractEvent.OtpRejected e) {
            return new OtpRejected(m, c, e.tokenId().value(), sameName(e.purpose(), jp.shinkin.otp.wire.Purpose.class),
                    e.consecutiveFailures(), request);
        } else if (event instanceof ContractEvent.OtpReplayRejected e) {
            return new OtpReplayRejected(m, c, e.tokenId().value(),
                    sameName(e.purpose(), jp.shinkin.otp.wire.Purpose.class), e.step(), request);
        } else if (event instanceof ContractEvent.LockoutWarningIssued e) {
            return new LockoutWarningIssued(m, c, sameName(e.counter(), jp.shinkin.otp.wire.LockReason.class),
                    e.remainingAttempts());
        } else if (event instanceof ContractEvent.ContractLocked e) {
            return new ContractLocked(m, c, sameName(e.reason(), jp.shinkin.otp.wire.LockReason.class));
        } else if (event instanceof ContractEvent.ContractUnlocked e) {
            return new ContractUnlocked(m, c, e.operator(), e.reason(), e.approvedBy().orElse(null));
        } else if (event instanceof ContractEvent.SessionsEnded e) {
            return new SessionsEnded(m, c, e.reason());
        } else if (event instanceof ContractEvent.SessionRenewed e) {
            return new SessionRenewed(m, c, e.session(), e.renewedAt());
        } else if (event instanceof ContractEvent.ApprovalRequested e) {
            PendingApproval r = e.request();
            return new ApprovalRequested(m, c, r.requestId(), action(r.action()), r.requestedBy(),
                    r.requestedByName(), r.reason(), r.expiresAt(), r.tokenId().map(TokenId::value).orElse(null));
        } else if (event instanceof ContractEvent.ApprovalGranted e) {
            return new ApprovalGranted(m, c, e.requestId(), action(e.action()), e.requestedBy(), e.approvedBy(),
                    e.approvedByName(), e.comment());
        } else if (event instanceof ContractEvent.ApprovalRejected e) {
            return new ApprovalRejected(m, c, e.requestId(), action(e.action()), e.requestedBy(), e.rejectedBy(),
                    e.rejectedByName(), e.reason());
        } else if (event instanceof ContractEvent.ApprovalExpired e) {
            return new ApprovalExpired(m, c, e.requestId(), action(e.action()), e.requestedBy());
        } else if (event instanceof ContractEvent.TokenClaimRequested e) {
            return new TokenClaimRequested(m, c, e.registrationId(), e.tokenId().value(),
                    sealedBytes(e.sealedSeed()), totpSpec(e.parameters()), e.acceptedStep());
        } else if (event instanceof ContractEvent.TokenClaimRefused e) {
            return new TokenClaimRefused(m, c, e.registrationId(), e.tokenId().value());
        } else if (event instanceof ContractEvent.TokenReleased e) {
            return new TokenReleased(m, c, e.tokenId().value());
        } else if (event instanceof ContractEvent.DeviceChanged e) {
            return new DeviceChanged(m, c, e.previousTokenId().value(), e.newTokenId().value());
        } else if (event instanceof ContractEvent.TokenRegistered e) {
            return new TokenRegistered(m, c, e.tokenId().value(), sealedBytes(e.sealedSeed()),
                    totpSpec(e.parameters()), e.acceptedStep(), e.deviceChange());
        } else if (event instanceof ContractEvent.TokenStopped e) {
            return new TokenStopped(m, c, e.tokenId().value(),
                    e.lastAcceptedStep().isPresent() ? e.lastAcceptedStep().getAsLong() : null, e.retired());
        } else if (event instanceof ContractEvent.TokenReset e) {
            return new TokenReset(m, c, e.tokenId().value(), e.operator(), e.reason(), e.approvedBy().orElse(null));
        } else if (event instanceof ContractEvent.TokenSuspended e) {
            return new TokenSuspended(m, c, e.tokenId().value(),
                    sameName(e.reason(), jp.shinkin.otp.wire.SuspensionReason.class), e.operator());
        } else if (event instanceof ContractEvent.TokenResynchronised e) {
            return new TokenResynchronised(m, c, e.tokenId().value(), e.step(), e.driftSteps(), e.operator());
        } else if (event instanceof ContractEvent.LoginOtpSettingChanged e) {
            return new LoginOtpSettingChanged(m, c, e.required());
        } else if (event instanceof ContractEvent.ContactChanged e) {
            return new ContactChanged(m, c, e.address().map(WireConversions::sealedBytes).orElse(null),
                    e.language().tag(), e.operator(), e.retiredKeyId().orElse(null));
        } else if (event instanceof ContractEvent.TransferLimitChanged e) {
            return new TransferLimitChanged(m, c, e.dailyLimit().amount(), e.dailyLimit().currency());
        } else if (event instanceof ContractEvent.TransferAuthorized e) {
            return new TransferAuthorized(m, c, e.amount().amount(), e.amount().currency(), e.day().toString());
        } else if (event instanceof ContractEvent.TransferRefused e) {
            return new TransferRefused(m, c, e.amount().amount(), e.amount().currency(),
                    e.remaining().amount(), e.day().toString());
        }
        throw new IllegalArgumentException("no wire form for " + event.getClass().getSimpleName());
    }

    /** The domain event a wire record carries; empty for records that are not contract events. */
    public static Optional<ContractEvent> toDomain(SpecificRecord record) {
        return Optional.ofNullable(domain(record));
    }

    private static ContractEvent domain(SpecificRecord record) {
        if (record instanceof ContractOpened e) {
            return new ContractEvent.ContractOpened(e.getPasswordHash());
        } else if (record instanceof PasswordAccepted e) {
            return new ContractEvent.PasswordAccepted(sameName(e.getForStep(), TicketKind.class));
        } else if (record instanceof PasswordRejected e) {
            return new ContractEvent.PasswordRejected(e.getConsecutiveFailures());
        } else if (record instanceof TicketIssued e) {
            return new ContractEvent.TicketIssued(new Ticket(e.getTicketId(), sameName(e.getKind(), TicketKind.class),
                    e.getExpiresAt(), e.getCurrentTokenRequired(), false));
        } else if (record instanceof TicketConsumed e) {
            return new ContractEvent.TicketConsumed(e.getTicketId(), sameName(e.getKind(), TicketKind.class));
        } else if (record instanceof CurrentTokenConfirmed e) {
            return new ContractEvent.CurrentTokenConfirmed(e.getRegistrationId());
        } else if (record instanceof OtpVerified e) {
            return new ContractEvent.OtpVerified(new TokenId(e.getTokenId()), sameName(e.getPurpose(), Purpose.class), e.getStep(),
                    e.getDriftSteps(), Optional.ofNullable(e.getTransferHash()), at(e.getMetadata()));
        } else if (record instanceof OtpRejected e) {
            return new ContractEvent.OtpRejected(new TokenId(e.getTokenId()), sameName(e.getPurpose(), Purpose.class),
                    e.getConsecutiveFailures());
        } else if (record instanceof OtpReplayRejected e) {
            return new ContractEvent.OtpReplayRejected(new TokenId(e.getTokenId()), sameName(e.getPurpose(), Purpose.class), e.getStep());
        } else if (record instanceof LockoutWarningIssued e) {
            return new ContractEvent.LockoutWarningIssued(sameName(e.getCounter(), LockReason.class), e.getRemainingAttempts());
        } else if (record instanceof ContractLocked e) {
            return new ContractEvent.ContractLocked(sameName(e.getReason(), LockReason.class));
        } else if (record instanceof ContractUnlocked e) {
            return new ContractEvent.ContractUnlocked(e.getOperator(), e.getReason(), Optional.ofNullable(e.getApprovedBy()));
        } else if (record instanceof SessionsEnded e) {
            return new ContractEvent.SessionsEnded(e.getReason());
        } else if (record instanceof SessionRenewed e) {
            return new ContractEvent.SessionRenewed(e.getSession(), e.getRenewedAt());
        } else if (record instanceof ApprovalRequested e) {
            return new ContractEvent.ApprovalRequested(new PendingApproval(e.getRequestId(), action(e.getAction()),
                    e.getRequestedBy(), e.getRequestedByName(), e.getReason(), e.getExpiresAt(),
                    Optional.ofNullable(e.getTokenId()).map(TokenId::new)));
        } else if (record instanceof ApprovalGranted e) {
            return new ContractEvent.ApprovalGranted(e.getRequestId(), action(e.getAction()), e.getRequestedBy(), e.getApprovedBy(),
                    e.getApprovedByName(), e.getComment());
        } else if (record instanceof ApprovalRejected e) {
            return new ContractEvent.ApprovalRejected(e.getRequestId(), action(e.getAction()), e.getRequestedBy(), e.getRejectedBy(),
                    e.getRejectedByName(), e.getReason());
        } else if (record instanceof ApprovalExpired e) {
            return new ContractEvent.ApprovalExpired(e.getRequestId(), action(e.getAction()), e.getRequestedBy());
        } else if (record instanceof TokenClaimRequested e) {
            return new ContractEvent.TokenClaimRequested(e.getRegistrationId(), new TokenId(e.getTokenId()),
                    sealed(e.getSealedSeed()), totp(e.getTotp()), e.getAcceptedStep());
        } else if (record instanceof TokenClaimRefused e) {
            return new ContractEvent.TokenClaimRefused(e.getRegistrationId(), new TokenId(e.getTokenId()));
        } else if (record instanceof TokenReleased e) {
            return new ContractEvent.TokenReleased(new TokenId(e.getTokenId()));
        } else if (record instanceof DeviceChanged e) {
            return new ContractEvent.DeviceChanged(new TokenId(e.getPreviousTokenId()), new TokenId(e.getNewTokenId()));
        } else if (record instanceof TokenRegistered e) {
            return new ContractEvent.TokenRegistered(new TokenId(e.getTokenId()), sealed(e.getSealedSeed()), totp(e.getTotp()),
                    e.getAcceptedStep(), e.getDeviceChange(), at(e.getMetadata()));
        } else if (record instanceof TokenStopped e) {
            return new ContractEvent.TokenStopped(new TokenId(e.getTokenId()), e.getLastAcceptedStep() == null
                    ? OptionalLong.empty() : OptionalLong.of(e.getLastAcceptedStep()), e.getRetired());
        } else if (record instanceof TokenReset e) {
            return new ContractEvent.TokenReset(new TokenId(e.getTokenId()), e.getOperator(), e.getReason(),
                    Optional.ofNullable(e.getApprovedBy()));
        } else if (record instanceof TokenSuspended e) {
            return new ContractEvent.TokenSuspended(new TokenId(e.getTokenId()), sameName(e.getReason(), SuspensionReason.class),
                    e.getOperator());
        } else if (record instanceof TokenResynchronised e) {
            return new ContractEvent.TokenResynchronised(new TokenId(e.getTokenId()), e.getStep(), e.getDriftSteps(), e.getOperator(),
                    at(e.getMetadata()));
        } else if (record instanceof LoginOtpSettingChanged e) {
            return new ContractEvent.LoginOtpSettingChanged(e.getRequired());
        } else if (record instanceof ContactChanged e) {
            return new ContractEvent.ContactChanged(Optional.ofNullable(e.getSealedAddress()).map(WireConversions::sealed),
                    NoticeLanguage.ofTag(e.getLanguage())
                            .orElse(NoticeLanguage.JA),
                    e.getOperator(), Optional.ofNullable(e.getRetiredKeyId()));
        } else if (record instanceof TransferLimitChanged e) {
            return new ContractEvent.TransferLimitChanged(new Money(e.getDailyLimit(), e.getCurrency()));
        } else if (record instanceof TransferAuthorized e) {
            return new ContractEvent.TransferAuthorized(new Money(e.getAmount(), e.getCurrency()), LocalDate.parse(e.getDay()));
        } else if (record instanceof TransferRefused e) {
            return new ContractEvent.TransferRefused(new Money(e.getAmount(), e.getCurrency()), new Money(e.getRemaining(), e.getCurrency()),
                    LocalDate.parse(e.getDay()));
        }
        return null;
    }

    private static Instant at(EventMetadata metadata) {
        return metadata.getOccurredAt();
    }

    private static jp.shinkin.otp.wire.ApprovalAction action(ApprovalAction action) {
        return sameName(action, jp.shinkin.otp.wire.ApprovalAction.class);
    }

    private static ApprovalAction action(jp.shinkin.otp.wire.ApprovalAction action) {
        return sameName(action, ApprovalAction.class);
    }
}
