package jp.shinkin.otp.domain.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the single writer knows about one contract: a fold of its events.
 *
 * @param opened           false until ContractOpened: the state of a contract that does not exist
 * @param loginOtpRequired the customer's login setting (default on); transfers always need a code
 * @param transfers        the daily transfer limit and the bank day's authorized total
 * @param tickets          at most one open ticket of each kind
 * @param approvals        operators' requests waiting for a second person, at most one per action
 * @param sessions         the session epoch (logout, stop, suspension, reset and lock move it on,
 *                         ending every session at once) and each session's latest renewal
 * @param contact          where notices to the customer go (the address sealed under its own data
 *                         key) and in which language; empty when the bank has none
 */
public record ContractState(boolean opened, String passwordHash, Optional<TokenCredential> token,
                            boolean loginOtpRequired, int otpFailures, int passwordFailures,
                            Optional<LockReason> lock, Transfers transfers,
                            Map<TicketKind, Ticket> tickets, Map<ApprovalAction, PendingApproval> approvals,
                            Sessions sessions, Optional<NoticeContact> contact) {

    public static final ContractState NONE = new ContractState(false, null, Optional.empty(), true, 0, 0,
            Optional.empty(), Transfers.NONE, Map.of(), Map.of(), Sessions.FIRST, Optional.empty());

    public ContractState {
        tickets = tickets.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(tickets));
        approvals = approvals.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(approvals));
    }

    /** A state with no waiting requests, in the first session epoch (a contract just opened). */
    public ContractState(boolean opened, String passwordHash, Optional<TokenCredential> token, boolean loginOtpRequired,
                         int otpFailures, int passwordFailures, Optional<LockReason> lock, Optional<Money> transferLimit,
                         Map<TicketKind, Ticket> tickets) {
        this(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                new Transfers(transferLimit, Optional.empty(), BigDecimal.ZERO), tickets, Map.of(), Sessions.FIRST, Optional.empty());
    }

    /** The customer's daily transfer limit, if set. */
    public Optional<Money> transferLimit() {
        return transfers.limit();
    }

    /** The epoch sessions must carry to be live. */
    public long sessionEpoch() {
        return sessions.epoch();
    }

    ContractState withNextSessionEpoch() {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers, tickets, approvals, sessions.nextEpoch(), contact);
    }

    ContractState withSessionRenewed(String session, long renewedAt) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers, tickets, approvals, sessions.renewed(session, renewedAt), contact);
    }

    /** The waiting request with this ID, if any. */
    public Optional<PendingApproval> approval(String requestId) {
        return approvals.values().stream().filter(a -> a.requestId().equals(requestId)).findFirst();
    }

    ContractState withApproval(PendingApproval request) {
        Map<ApprovalAction, PendingApproval> next = new EnumMap<>(ApprovalAction.class);
        next.putAll(approvals);
        next.put(request.action(), request);
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers, tickets, next, sessions, contact);
    }

    ContractState withoutApproval(String requestId) {
        Map<ApprovalAction, PendingApproval> next = new EnumMap<>(ApprovalAction.class);
        approvals.values().stream().filter(a -> !a.requestId().equals(requestId)).forEach(a -> next.put(a.action(), a));
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers, tickets, next, sessions, contact);
    }

    public Optional<TokenCredential> activeToken() {
        return token.filter(t -> t.status() == TokenStatus.ACTIVE);
    }

    public boolean locked() {
        return lock.isPresent();
    }

    /** Whether a login must be followed by a code. */
    public boolean loginNeedsOtp() {
        return loginOtpRequired && activeToken().isPresent();
    }

    ContractState withToken(Optional<TokenCredential> t) {
        return new ContractState(opened, passwordHash, t, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers, tickets, approvals, sessions, contact);
    }

    ContractState withOtpFailures(int n) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, n, passwordFailures, lock,
                transfers, tickets, approvals, sessions, contact);
    }

    ContractState withPasswordFailures(int n) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, n, lock,
                transfers, tickets, approvals, sessions, contact);
    }

    ContractState withLock(Optional<LockReason> l) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, l,
                transfers, tickets, approvals, sessions, contact);
    }

    ContractState withLoginOtpRequired(boolean required) {
        return new ContractState(opened, passwordHash, token, required, otpFailures, passwordFailures, lock,
                transfers, tickets, approvals, sessions, contact);
    }

    ContractState withTransferLimit(Money limit) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers.withLimit(limit), tickets, approvals, sessions, contact);
    }

    ContractState withTransferAuthorized(LocalDate day, BigDecimal amount) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers.withAuthorized(day, amount), tickets, approvals, sessions, contact);
    }

    ContractState withContact(Optional<NoticeContact> c) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers, tickets, approvals, sessions, c);
    }

    ContractState withTickets(Map<TicketKind, Ticket> t) {
        return new ContractState(opened, passwordHash, token, loginOtpRequired, otpFailures, passwordFailures, lock,
                transfers, t, approvals, sessions, contact);
    }

    ContractState withTicket(Ticket ticket) {
        Map<TicketKind, Ticket> next = new EnumMap<>(TicketKind.class);
        next.putAll(tickets);
        next.put(ticket.kind(), ticket);
        return withTickets(next);
    }

    ContractState withoutTicket(String ticketId) {
        Map<TicketKind, Ticket> next = new EnumMap<>(TicketKind.class);
        tickets.values().stream().filter(t -> !t.id().equals(ticketId)).forEach(t -> next.put(t.kind(), t));
        return withTickets(next);
    }

    public Optional<Ticket> ticket(String id, TicketKind kind) {
        return Optional.ofNullable(tickets.get(kind)).filter(t -> t.id().equals(id));
    }
}
