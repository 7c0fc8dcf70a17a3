package jp.shinkin.otp.domain.contract;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractLocked;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractOpened;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractUnlocked;
import jp.shinkin.otp.domain.contract.ContractEvent.CurrentTokenConfirmed;
import jp.shinkin.otp.domain.contract.ContractEvent.LoginOtpSettingChanged;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpVerified;
import jp.shinkin.otp.domain.contract.ContractEvent.PasswordAccepted;
import jp.shinkin.otp.domain.contract.ContractEvent.PasswordRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.TicketConsumed;
import jp.shinkin.otp.domain.contract.ContractEvent.TicketIssued;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenRegistered;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenReset;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenResynchronised;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenStopped;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenSuspended;
import jp.shinkin.otp.domain.contract.ContractEvent.TransferLimitChanged;

/** {@code evolve(state, event) → state}: applies a fact. Never rejects: facts already happened. */
public final class ContractEvolver {
    private ContractEvolver() {
    }

    public static ContractState fold(Iterable<? extends ContractEvent> events) {
        ContractState state = ContractState.NONE;
        for (ContractEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    public static ContractState evolve(ContractState state, ContractEvent event) {
        if (event instanceof ContractOpened e) {
            return new ContractState(true, e.passwordHash(), Optional.empty(), true, 0, 0, Optional.empty(),
                    Optional.empty(), Map.of());
        } else if (event instanceof PasswordAccepted) {
            return state.withPasswordFailures(0);
        } else if (event instanceof PasswordRejected e) {
            return state.withPasswordFailures(e.consecutiveFailures());
        } else if (event instanceof TicketIssued e) {
            return state.withTicket(e.ticket());
        } else if (event instanceof TicketConsumed e) {
            return state.withoutTicket(e.ticketId());
        } else if (event instanceof CurrentTokenConfirmed e) {
            return state.ticket(e.registrationId(), TicketKind.REGISTRATION)
                    .map(t -> state.withTicket(t.confirmed()))
                    .orElse(state);
        } else if (event instanceof ContractEvent.TokenClaimRequested e) {
            PendingClaim claim = new PendingClaim(e.tokenId(), e.sealedSeed(), e.parameters(), e.acceptedStep());
            return state.ticket(e.registrationId(), TicketKind.REGISTRATION)
                    .map(t -> state.withTicket(t.withPendingClaim(Optional.of(claim))))
                    .orElse(state);
        } else if (event instanceof ContractEvent.TokenClaimRefused e) {
            return state.ticket(e.registrationId(), TicketKind.REGISTRATION)
                    .map(t -> state.withTicket(t.withPendingClaim(Optional.empty())))
                    .orElse(state);
        } else if (event instanceof OtpVerified e) {
            return state.withToken(state.token().map(t -> t.accepted(e.step(), e.driftSteps(), e.at())))
                    .withOtpFailures(0);
        } else if (event instanceof OtpRejected e) {
            return state.withOtpFailures(e.consecutiveFailures());
        } else if (event instanceof ContractLocked e) {
            return state.withLock(Optional.of(e.reason())).withNextSessionEpoch();
        } else if (event instanceof ContractUnlocked) {
            return state.withLock(Optional.empty()).withOtpFailures(0).withPasswordFailures(0);
        } else if (event instanceof TokenRegistered e) {
            TokenCredential token = new TokenCredential(e.tokenId(), e.sealedSeed(), e.parameters(), TokenStatus.ACTIVE,
                    OptionalLong.of(e.acceptedStep()), 0, e.at(), e.at());
            // A first registration (not a device change) asks for the code at login again: the default.
            ContractState next = state.withToken(Optional.of(token)).withOtpFailures(0);
            return e.deviceChange() ? next : next.withLoginOtpRequired(true);
        } else if (event instanceof TokenStopped) {
            return state.withToken(Optional.empty()).withTickets(Map.of()).withNextSessionEpoch();
        } else if (event instanceof TokenReset) {
            return state.withToken(Optional.empty()).withTickets(Map.of()).withOtpFailures(0)
                    .withPasswordFailures(0).withLock(Optional.empty()).withNextSessionEpoch();
        } else if (event instanceof TokenSuspended e) {
            return state.withToken(state.token().map(t -> t.suspended(e.reason()))).withTickets(Map.of()).withNextSessionEpoch();
        } else if (event instanceof ContractEvent.SessionsEnded) {
            return state.withNextSessionEpoch();
        } else if (event instanceof ContractEvent.SessionRenewed e) {
            return state.withSessionRenewed(e.session(), e.renewedAt());
        } else if (event instanceof TokenResynchronised e) {
            return state.withToken(state.token().map(t -> t.accepted(e.step(), e.driftSteps(), e.at())))
                    .withOtpFailures(0);
        } else if (event instanceof ContractEvent.ContactChanged e) {
            return state.withContact(e.address().map(a -> new NoticeContact(a, e.language())));
        } else if (event instanceof LoginOtpSettingChanged e) {
            return state.withLoginOtpRequired(e.required());
        } else if (event instanceof TransferLimitChanged e) {
            return state.withTransferLimit(e.dailyLimit());
        } else if (event instanceof ContractEvent.TransferAuthorized e) {
            return state.withTransferAuthorized(e.day(), new BigDecimal(e.amount().amount()));
        } else if (event instanceof ContractEvent.ApprovalRequested e) {
            return state.withApproval(e.request());
        } else if (event instanceof ContractEvent.ApprovalGranted e) {
            return state.withoutApproval(e.requestId());
        } else if (event instanceof ContractEvent.ApprovalRejected e) {
            return state.withoutApproval(e.requestId());
        } else if (event instanceof ContractEvent.ApprovalExpired e) {
            return state.withoutApproval(e.requestId());
        }
        // LockoutWarningIssued, OtpReplayRejected, DeviceChanged, TokenReleased: audit facts, no state change.
        return state;
    }
}
