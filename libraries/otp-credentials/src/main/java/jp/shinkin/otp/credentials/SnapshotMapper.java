package jp.shinkin.otp.credentials;

import static jp.shinkin.otp.credentials.WireConversions.sameName;
import static jp.shinkin.otp.credentials.WireConversions.sealed;
import static jp.shinkin.otp.credentials.WireConversions.sealedBytes;
import static jp.shinkin.otp.credentials.WireConversions.totp;
import static jp.shinkin.otp.credentials.WireConversions.totpSpec;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.LockReason;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.NoticeContact;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import jp.shinkin.otp.domain.contract.PendingApproval;
import jp.shinkin.otp.domain.contract.PendingClaim;
import jp.shinkin.otp.domain.contract.Sessions;
import jp.shinkin.otp.domain.contract.SuspensionReason;
import jp.shinkin.otp.domain.contract.Ticket;
import jp.shinkin.otp.domain.contract.TicketKind;
import jp.shinkin.otp.domain.contract.TokenCredential;
import jp.shinkin.otp.domain.contract.TokenStatus;
import jp.shinkin.otp.domain.contract.Transfers;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.wire.state.ApprovalState;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import jp.shinkin.otp.wire.state.PendingClaimState;
import jp.shinkin.otp.wire.state.TicketState;
import jp.shinkin.otp.wire.state.TokenState;
import jp.shinkin.otp.wire.state.TokenStatusState;

/** The contract state to and from its store record. The seed stays sealed both ways. */
public final class SnapshotMapper {
    private SnapshotMapper() {
    }

    public static ContractSnapshot toSnapshot(ContractState s) {
        return ContractSnapshot.newBuilder()
                .setOpened(s.opened())
                .setPasswordHash(s.passwordHash())
                .setToken(s.token().map(SnapshotMapper::token).orElse(null))
                .setLoginOtpRequired(s.loginOtpRequired())
                .setOtpFailures(s.otpFailures())
                .setPasswordFailures(s.passwordFailures())
                .setLock(s.lock().map(l -> sameName(l, jp.shinkin.otp.wire.LockReason.class)).orElse(null))
                .setTransferLimit(s.transferLimit().map(Money::amount).orElse(null))
                .setTransferLimitCurrency(s.transferLimit().map(Money::currency).orElse(null))
                .setTransferDay(s.transfers().day().map(LocalDate::toString).orElse(null))
                .setTransferredToday(s.transfers().authorized().toPlainString())
                .setTickets(s.tickets().values().stream().map(SnapshotMapper::ticket).toList())
                .setApprovals(s.approvals().values().stream().map(a -> new ApprovalState(a.requestId(),
                        sameName(a.action(), jp.shinkin.otp.wire.ApprovalAction.class), a.requestedBy(), a.requestedByName(),
                        a.reason(), a.expiresAt(), a.tokenId().map(TokenId::value).orElse(null))).toList())
                .setSessionEpoch(s.sessionEpoch())
                .setSessionRenewals(new HashMap<>(s.sessions().renewals()))
                .setContactAddress(s.contact().map(c -> sealedBytes(c.address())).orElse(null))
                .setContactLanguage(s.contact().map(c -> c.language().tag()).orElse(null))
                .build();
    }

    public static ContractState toState(ContractSnapshot s) {
        Map<TicketKind, Ticket> tickets = new EnumMap<>(TicketKind.class);
        for (TicketState t : s.getTickets()) {
            Ticket ticket = ticket(t);
            tickets.put(ticket.kind(), ticket);
        }
        Map<jp.shinkin.otp.domain.contract.ApprovalAction, PendingApproval> approvals =
                new EnumMap<>(jp.shinkin.otp.domain.contract.ApprovalAction.class);
        for (ApprovalState a : s.getApprovals()) {
            var action = sameName(a.getAction(), jp.shinkin.otp.domain.contract.ApprovalAction.class);
            approvals.put(action, new PendingApproval(a.getRequestId(), action, a.getRequestedBy(),
                    a.getRequestedByName(), a.getReason(), a.getExpiresAt(), Optional.ofNullable(a.getTokenId()).map(TokenId::new)));
        }
        Optional<Money> limit = Optional.ofNullable(s.getTransferLimit()).map(a -> new Money(a, s.getTransferLimitCurrency()));
        Transfers transfers = new Transfers(limit,
                Optional.ofNullable(s.getTransferDay()).map(LocalDate::parse), new BigDecimal(s.getTransferredToday()));
        return new ContractState(s.getOpened(), s.getPasswordHash(), Optional.ofNullable(s.getToken()).map(SnapshotMapper::token),
                s.getLoginOtpRequired(), s.getOtpFailures(), s.getPasswordFailures(),
                Optional.ofNullable(s.getLock()).map(l -> sameName(l, LockReason.class)), transfers, tickets, approvals,
                sessions(s), contact(s));
    }

    private static Optional<NoticeContact> contact(ContractSnapshot s) {
        return Optional.ofNullable(s.getContactAddress()).map(a -> new NoticeContact(sealed(a),
                NoticeLanguage.ofTag(s.getContactLanguage())
                        .orElse(NoticeLanguage.JA)));
    }

    private static Sessions sessions(ContractSnapshot s) {
        Map<String, Long> renewals = new HashMap<>();
        s.getSessionRenewals().forEach((session, at) -> renewals.put(session.toString(), at));
        return new Sessions(s.getSessionEpoch(), renewals);
    }

    private static TokenState token(TokenCredential t) {
        return TokenState.newBuilder()
                .setTokenId(t.tokenId().value())
                .setSealedSeed(sealedBytes(t.sealedSeed()))
                .setTotp(totpSpec(t.parameters()))
                .setStatus(sameName(t.status(), TokenStatusState.class))
                .setLastAcceptedStep(t.lastAcceptedStep().isPresent() ? t.lastAcceptedStep().getAsLong() : null)
                .setDriftSteps(t.driftSteps())
                .setRegisteredAt(t.registeredAt())
                .setLastUsedAt(t.lastUsedAt())
                .setSuspensionReason(t.suspension().map(r -> sameName(r, jp.shinkin.otp.wire.SuspensionReason.class)).orElse(null))
                .build();
    }

    private static TokenCredential token(TokenState t) {
        return new TokenCredential(new TokenId(t.getTokenId()), sealed(t.getSealedSeed()), totp(t.getTotp()),
                sameName(t.getStatus(), TokenStatus.class),
                t.getLastAcceptedStep() == null ? OptionalLong.empty() : OptionalLong.of(t.getLastAcceptedStep()),
                t.getDriftSteps(), t.getRegisteredAt(), t.getLastUsedAt(),
                Optional.ofNullable(t.getSuspensionReason()).map(r -> sameName(r, SuspensionReason.class)));
    }

    private static TicketState ticket(Ticket t) {
        return TicketState.newBuilder()
                .setId(t.id())
                .setKind(sameName(t.kind(), jp.shinkin.otp.wire.TicketKind.class))
                .setExpiresAt(t.expiresAt())
                .setCurrentTokenRequired(t.currentTokenRequired())
                .setCurrentTokenConfirmed(t.currentTokenConfirmed())
                .setPendingClaim(t.pendingClaim().map(p -> new PendingClaimState(p.tokenId().value(), sealedBytes(p.sealedSeed()),
                        totpSpec(p.parameters()), p.acceptedStep())).orElse(null))
                .build();
    }

    private static Ticket ticket(TicketState t) {
        Optional<PendingClaim> claim = Optional.ofNullable(t.getPendingClaim()).map(p -> new PendingClaim(
                new TokenId(p.getTokenId()), sealed(p.getSealedSeed()), totp(p.getTotp()), p.getAcceptedStep()));
        return new Ticket(t.getId(), sameName(t.getKind(), TicketKind.class), t.getExpiresAt(), t.getCurrentTokenRequired(),
                t.getCurrentTokenConfirmed(), claim);
    }
}
