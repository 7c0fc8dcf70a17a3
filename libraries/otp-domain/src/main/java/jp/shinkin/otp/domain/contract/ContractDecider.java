package jp.shinkin.otp.domain.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import jp.shinkin.otp.domain.contract.ContractCommand.AnswerLoginChallenge;
import jp.shinkin.otp.domain.contract.ContractCommand.ChangeTransferLimit;
import jp.shinkin.otp.domain.contract.ContractCommand.CompleteRegistration;
import jp.shinkin.otp.domain.contract.ContractCommand.CompleteStop;
import jp.shinkin.otp.domain.contract.ContractCommand.ConfirmCurrentToken;
import jp.shinkin.otp.domain.contract.ContractCommand.OpenContract;
import jp.shinkin.otp.domain.contract.ContractCommand.ResetToken;
import jp.shinkin.otp.domain.contract.ContractCommand.ResolveTokenClaim;
import jp.shinkin.otp.domain.contract.ContractCommand.Resynchronise;
import jp.shinkin.otp.domain.contract.ContractCommand.SetLoginOtpRequired;
import jp.shinkin.otp.domain.contract.ContractCommand.StartLogin;
import jp.shinkin.otp.domain.contract.ContractCommand.StartRegistration;
import jp.shinkin.otp.domain.contract.ContractCommand.StartStop;
import jp.shinkin.otp.domain.contract.ContractCommand.SuspendToken;
import jp.shinkin.otp.domain.contract.ContractCommand.Unlock;
import jp.shinkin.otp.domain.contract.ContractCommand.VerifyOtp;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractLocked;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractOpened;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractUnlocked;
import jp.shinkin.otp.domain.contract.ContractEvent.CurrentTokenConfirmed;
import jp.shinkin.otp.domain.contract.ContractEvent.DeviceChanged;
import jp.shinkin.otp.domain.contract.ContractEvent.LockoutWarningIssued;
import jp.shinkin.otp.domain.contract.ContractEvent.LoginOtpSettingChanged;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpReplayRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpVerified;
import jp.shinkin.otp.domain.contract.ContractEvent.PasswordAccepted;
import jp.shinkin.otp.domain.contract.ContractEvent.PasswordRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.TicketConsumed;
import jp.shinkin.otp.domain.contract.ContractEvent.TicketIssued;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenClaimRefused;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenClaimRequested;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenRegistered;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenReleased;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenReset;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenResynchronised;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenStopped;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenSuspended;
import jp.shinkin.otp.domain.contract.ContractEvent.TransferLimitChanged;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.domain.crypto.SeedOpener;
import jp.shinkin.otp.domain.otp.OtpCheck;
import jp.shinkin.otp.domain.otp.TotpVerifier;
import jp.shinkin.otp.domain.token.TokenClaims;
import jp.shinkin.otp.domain.token.TokenId;

/**
 * {@code decide(state, command, now) → events + answer} for one contract. Deterministic: the
 * same state, command and time give the same decision ({@code now} is the command record's
 * timestamp, never the wall clock), so re-running the log reproduces every decision.
 */
public final class ContractDecider {
    private final OtpPolicy policy;
    private final SeedOpener seeds;
    private final TotpVerifier verifier;

    public ContractDecider(OtpPolicy policy, SeedOpener seeds) {
        this.policy = policy;
        this.seeds = seeds;
        this.verifier = new TotpVerifier(policy.window());
    }

    /**
     * A session-bound command: a session of an ended epoch, or a token its session has since
     * renewed, is refused (E1007) before anything else; otherwise the command is decided and the
     * renewal handed back with the answer recorded — unless the decision itself ended the sessions,
     * or the renewed token would not be newer than what is recorded (then none is handed back).
     */
    private Decision inSession(ContractState state, ContractCommand.InSession c, Instant now) {
        SessionUse session = c.session();
        if (session.epoch() != state.sessionEpoch() || !state.sessions().isLatest(session.session(), session.presentedLastUse())) {
            return Decision.rejected(ErrorCode.E1007);
        }
        Decision inner = decide(state, c.command(), now);
        ContractState after = state;
        for (ContractEvent event : inner.events()) {
            after = ContractEvolver.evolve(after, event);
        }
        // A renewal is recorded only if the renewed token will be the session's latest: an owner whose
        // clock is behind (a rebalance, a clock step) hands back nothing, and the token shown stays valid.
        long recorded = state.sessions().renewals().getOrDefault(session.session(), Long.MIN_VALUE);
        if (after.sessionEpoch() != state.sessionEpoch() || session.renewedAt() <= recorded
                || session.renewedAt() < session.presentedLastUse()) {
            return inner;
        }
        List<ContractEvent> events = new ArrayList<>(inner.events());
        events.add(new ContractEvent.SessionRenewed(session.session(), session.renewedAt()));
        return new Decision(events, inner.outcome());
    }

    public Decision decide(ContractState state, ContractCommand command, Instant now) {
        if (command instanceof OpenContract open) {
            return state.opened()
                    ? Decision.rejected(ErrorCode.E1010)
                    : Decision.succeeded(ResultCode.OK, List.of(new ContractOpened(open.passwordHash())));
        }
        if (!state.opened()) {
            // An unknown contract answers like a wrong password where a password was given.
            return Decision.rejected(command instanceof StartLogin || command instanceof StartRegistration
                    || command instanceof StartStop ? ErrorCode.E1001 : ErrorCode.E1004);
        }
        if (command instanceof ContractCommand.InSession c) {
            return inSession(state, c, now);
        }
        if (command instanceof StartLogin c) {
            return startLogin(state, c, now);
        } else if (command instanceof AnswerLoginChallenge c) {
            return answerLoginChallenge(state, c, now);
        } else if (command instanceof VerifyOtp c) {
            return verifyOtp(state, c, now);
        } else if (command instanceof StartRegistration c) {
            return startRegistration(state, c, now);
        } else if (command instanceof ConfirmCurrentToken c) {
            return confirmCurrentToken(state, c, now);
        } else if (command instanceof CompleteRegistration c) {
            return completeRegistration(state, c, now);
        } else if (command instanceof ResolveTokenClaim c) {
            return resolveTokenClaim(state, c, now);
        } else if (command instanceof StartStop c) {
            return startStop(state, c, now);
        } else if (command instanceof CompleteStop c) {
            return completeStop(state, c, now);
        } else if (command instanceof SetLoginOtpRequired c) {
            return setLoginOtpRequired(state, c, now);
        } else if (command instanceof ChangeTransferLimit c) {
            return changeTransferLimit(state, c, now);
        } else if (command instanceof ResetToken c) {
            return resetToken(state, c);
        } else if (command instanceof SuspendToken c) {
            return suspendToken(state, c);
        } else if (command instanceof Unlock c) {
            return unlock(state, c);
        } else if (command instanceof Resynchronise c) {
            return resynchronise(state, c, now);
        } else if (command instanceof ContractCommand.EndSessions) {
            return Decision.succeeded(ResultCode.OK, List.of(new ContractEvent.SessionsEnded("LOGOUT")));
        } else if (command instanceof ContractCommand.SetContact c) {
            return setContact(state, c);
        } else if (command instanceof ContractCommand.RequestApproval c) {
            return requestApproval(state, c, now);
        } else if (command instanceof ContractCommand.DecideApproval c) {
            return decideApproval(state, c, now);
        }
        throw new IllegalArgumentException("unhandled command " + command.getClass().getSimpleName());
    }

    private Decision startLogin(ContractState state, StartLogin c, Instant now) {
        if (state.locked()) {
            return Decision.rejected(ErrorCode.E1003);
        }
        if (!c.passwordMatched()) {
            return passwordFailure(state);
        }
        List<ContractEvent> events = new ArrayList<>(List.of(new PasswordAccepted(TicketKind.LOGIN_CHALLENGE)));
        if (state.loginOtpRequired() && state.token().filter(t -> t.status() == TokenStatus.SUSPENDED).isPresent()) {
            return Decision.rejected(ErrorCode.E1009, events);
        }
        if (state.loginNeedsOtp()) {
            events.add(new TicketIssued(ticket(c.challengeId(), TicketKind.LOGIN_CHALLENGE, now, false)));
        }
        return Decision.succeeded(ResultCode.OK, events);
    }

    private Decision answerLoginChallenge(ContractState state, AnswerLoginChallenge c, Instant now) {
        Optional<Ticket> ticket = state.ticket(c.challengeId(), TicketKind.LOGIN_CHALLENGE).filter(t -> t.usableAt(now));
        if (ticket.isEmpty()) {
            return Decision.rejected(ErrorCode.E1007);
        }
        return withCode(state, Purpose.LOGIN, c.otp(), Optional.empty(), now,
                List.of(new TicketConsumed(c.challengeId(), TicketKind.LOGIN_CHALLENGE)), ResultCode.OK);
    }

    private Decision verifyOtp(ContractState state, VerifyOtp c, Instant now) {
        if (c.purpose() == Purpose.TRANSFER && c.transferHash().isEmpty()) {
            return Decision.rejected(ErrorCode.E4000);
        }
        if (c.purpose() != Purpose.TRANSFER || c.amount().isEmpty()) {
            return withCode(state, c.purpose(), c.otp(), c.transferHash(), now, List.of(), ResultCode.OK);
        }
        return transfer(state, c, c.amount().get(), now);
    }

    /**
     * A transfer with its amount: refused (E1015) when above what is left of the bank day's limit —
     * decided before the code is looked at, so the code is neither spent nor counted as a failure,
     * and the customer can authorize a smaller amount with it; otherwise the code decides, and an
     * authorized transfer counts toward the day's total (also while no limit is set).
     */
    private Decision transfer(ContractState state, VerifyOtp c, Money amount, Instant now) {
        if (state.locked() || tokenUnusable(state).isPresent()) {
            return withCode(state, c.purpose(), c.otp(), c.transferHash(), now, List.of(), ResultCode.OK);
        }
        LocalDate day = state.transfers().dayFor(Transfers.bankDay(now));
        Optional<Money> limit = state.transferLimit();
        if (limit.isPresent()) {
            if (!limit.get().currency().equals(amount.currency())) {
                return Decision.rejected(ErrorCode.E4000);
            }
            BigDecimal remaining = state.transfers().remainingOn(day).orElseThrow();
            if (new BigDecimal(amount.amount()).compareTo(remaining) > 0) {
                return Decision.rejected(ErrorCode.E1015, List.of(new ContractEvent.TransferRefused(amount,
                        new Money(remaining.toPlainString(), amount.currency()), day)));
            }
        }
        return withCode(state, c.purpose(), c.otp(), c.transferHash(), now,
                List.of(new ContractEvent.TransferAuthorized(amount, day)), ResultCode.OK);
    }

    private Decision startRegistration(ContractState state, StartRegistration c, Instant now) {
        if (state.locked()) {
            return Decision.rejected(ErrorCode.E1003);
        }
        if (!c.passwordMatched()) {
            return passwordFailure(state);
        }
        if (state.token().filter(TokenCredential::reportedMissing).isPresent()) {
            // Checked after the password, so the answer tells nothing to someone without it.
            return Decision.rejected(ErrorCode.E1011, List.of(new PasswordAccepted(TicketKind.REGISTRATION)));
        }
        boolean currentTokenRequired = state.activeToken().isPresent();
        return Decision.succeeded(ResultCode.OK, List.of(
                new PasswordAccepted(TicketKind.REGISTRATION),
                new TicketIssued(ticket(c.registrationId(), TicketKind.REGISTRATION, now, currentTokenRequired))));
    }

    private Decision confirmCurrentToken(ContractState state, ConfirmCurrentToken c, Instant now) {
        Optional<Ticket> ticket = state.ticket(c.registrationId(), TicketKind.REGISTRATION).filter(t -> t.usableAt(now));
        if (ticket.isEmpty()) {
            return Decision.rejected(ErrorCode.E1007);
        }
        return withCode(state, Purpose.REGISTRATION, c.otp(), Optional.empty(), now,
                List.of(new CurrentTokenConfirmed(c.registrationId())), ResultCode.OK);
    }

    private Decision completeRegistration(ContractState state, CompleteRegistration c, Instant now) {
        Optional<Ticket> ticket = state.ticket(c.registrationId(), TicketKind.REGISTRATION).filter(t -> t.usableAt(now));
        if (ticket.isEmpty()) {
            return Decision.rejected(ErrorCode.E1007);
        }
        if (state.locked()) {
            return Decision.rejected(ErrorCode.E1003);
        }
        Optional<TokenCredential> active = state.activeToken();
        if (active.isPresent() && !ticket.get().currentTokenConfirmed()) {
            // The current token must be proven (device change) before a new one may replace it.
            return Decision.rejected(ErrorCode.E1007);
        }
        if (state.token().filter(t -> t.tokenId().equals(c.tokenId())).isPresent()) {
            return Decision.rejected(ErrorCode.E1006);
        }
        // A new token has no history: any fresh step in the window is acceptable.
        Optional<OtpCheck> checked = withSeed(c.tokenId().value(), c.sealedSeed(),
                seed -> verifier.check(seed, c.parameters(), c.otp(), now, OptionalLong.empty(), 0));
        if (checked.isEmpty()) {
            return Decision.rejected(ErrorCode.E1005);
        }
        if (!(checked.get() instanceof OtpCheck.Matched matched)) {
            return otpFailure(state, c.tokenId(), Purpose.REGISTRATION);
        }
        return Decision.pending(List.of(new TokenClaimRequested(c.registrationId(), c.tokenId(), c.sealedSeed(),
                c.parameters(), matched.step())));
    }

    private Decision resolveTokenClaim(ContractState state, ResolveTokenClaim c, Instant now) {
        Optional<PendingClaim> claim = state.ticket(c.registrationId(), TicketKind.REGISTRATION)
                .filter(t -> t.usableAt(now))
                .flatMap(Ticket::pendingClaim)
                .filter(p -> p.tokenId().equals(c.tokenId()));
        if (claim.isEmpty()) {
            // Nobody waits for this token any more: hand a granted ID back.
            return Decision.rejected(ErrorCode.E1007, c.granted() ? List.of(new TokenReleased(c.tokenId())) : List.of());
        }
        if (!c.granted()) {
            // A retired token (reset, suspended, replaced) is no longer a token ID anyone may register; a
            // stopped one may be, with a code it has not given before.
            ErrorCode code = switch (c.refusal().orElse(TokenClaims.Refusal.TAKEN)) {
                case TAKEN -> ErrorCode.E1006;
                case RETIRED -> ErrorCode.E1005;
                case CODE_USED -> ErrorCode.E1008;
            };
            return Decision.rejected(code, List.of(new TokenClaimRefused(c.registrationId(), c.tokenId())));
        }
        PendingClaim p = claim.get();
        Optional<TokenCredential> active = state.activeToken();
        List<ContractEvent> events = new ArrayList<>();
        active.ifPresent(old -> events.add(new DeviceChanged(old.tokenId(), p.tokenId())));
        events.add(new TokenRegistered(p.tokenId(), p.sealedSeed(), p.parameters(), p.acceptedStep(), active.isPresent(), now));
        events.add(new TicketConsumed(c.registrationId(), TicketKind.REGISTRATION));
        return Decision.succeeded(active.isPresent() ? ResultCode.TOKEN_CHANGED : ResultCode.REGISTERED, events);
    }

    private Decision startStop(ContractState state, StartStop c, Instant now) {
        if (state.locked()) {
            return Decision.rejected(ErrorCode.E1003);
        }
        if (!c.passwordMatched()) {
            return passwordFailure(state);
        }
        List<ContractEvent> events = new ArrayList<>(List.of(new PasswordAccepted(TicketKind.STOP)));
        if (state.token().isEmpty()) {
            return Decision.rejected(ErrorCode.E1004, events);
        }
        if (state.activeToken().isEmpty()) {
            return Decision.rejected(ErrorCode.E1009, events);
        }
        events.add(new TicketIssued(ticket(c.stopId(), TicketKind.STOP, now, true)));
        return Decision.succeeded(ResultCode.OK, events);
    }

    private Decision completeStop(ContractState state, CompleteStop c, Instant now) {
        Optional<Ticket> ticket = state.ticket(c.stopId(), TicketKind.STOP).filter(t -> t.usableAt(now));
        if (ticket.isEmpty()) {
            return Decision.rejected(ErrorCode.E1007);
        }
        Decision verified = withCode(state, Purpose.STOP, c.otp(), Optional.empty(), now, List.of(), ResultCode.STOPPED);
        if (!verified.accepted()) {
            return verified;
        }
        List<ContractEvent> events = new ArrayList<>(verified.events());
        TokenCredential stopped = state.activeToken().orElseThrow();
        long stopStep = verified.events().stream().filter(e -> e instanceof OtpVerified).mapToLong(e -> ((OtpVerified) e).step())
                .max().orElse(-1);
        events.add(new TokenStopped(stopped.tokenId(), stopStep < 0 ? OptionalLong.empty() : OptionalLong.of(stopStep),
                c.retire()));
        events.add(new TicketConsumed(c.stopId(), TicketKind.STOP));
        return Decision.succeeded(ResultCode.STOPPED, events);
    }

    private Decision setLoginOtpRequired(ContractState state, SetLoginOtpRequired c, Instant now) {
        if (c.required()) {
            return state.loginOtpRequired()
                    ? Decision.succeeded(ResultCode.OK, List.of())
                    : Decision.succeeded(ResultCode.OK, List.of(new LoginOtpSettingChanged(true)));
        }
        if (c.otp().isEmpty()) {
            return Decision.rejected(ErrorCode.E1002);
        }
        List<ContractEvent> after = state.loginOtpRequired() ? List.of(new LoginOtpSettingChanged(false)) : List.of();
        return withCode(state, Purpose.LOGIN_OTP_OFF, c.otp().get(), Optional.empty(), now, after, ResultCode.OK);
    }

    private Decision changeTransferLimit(ContractState state, ChangeTransferLimit c, Instant now) {
        return withCode(state, Purpose.LIMIT_CHANGE, c.otp(), Optional.empty(), now,
                List.of(new TransferLimitChanged(c.dailyLimit())), ResultCode.OK);
    }

    private Decision setContact(ContractState state, ContractCommand.SetContact c) {
        Optional<String> previousKey = state.contact().map(contact -> contact.address().keyId());
        Optional<String> retired = previousKey.filter(k -> c.address().map(a -> !a.keyId().equals(k)).orElse(true));
        if (c.address().isEmpty() && state.contact().isEmpty()) {
            return Decision.succeeded(ResultCode.OK, List.of());
        }
        return Decision.succeeded(ResultCode.OK,
                List.of(new ContractEvent.ContactChanged(c.address(), c.language(), c.operator(), retired)));
    }

    private Decision resetToken(ContractState state, ResetToken c) {
        return state.token()
                .map(t -> Decision.succeeded(ResultCode.OK, List.of(new TokenReset(t.tokenId(), c.operator(), c.reason()))))
                .orElseGet(() -> Decision.rejected(ErrorCode.E1004));
    }

    private Decision suspendToken(ContractState state, SuspendToken c) {
        if (state.token().isEmpty()) {
            return Decision.rejected(ErrorCode.E1004);
        }
        TokenCredential token = state.token().get();
        // Suspending twice is a retry, not an error; a new reason is recorded (LOST then STOLEN, an
        // uninstall then a theft), but a loss or theft is never downgraded to UNINSTALLED.
        boolean already = token.status() == TokenStatus.SUSPENDED
                && (token.suspension().equals(Optional.of(c.reason()))
                    || (token.reportedMissing() && c.reason() == SuspensionReason.UNINSTALLED));
        return already
                ? Decision.succeeded(ResultCode.OK, List.of())
                : Decision.succeeded(ResultCode.OK, List.of(new TokenSuspended(token.tokenId(), c.reason(), c.operator())));
    }

    private Decision unlock(ContractState state, Unlock c) {
        boolean anyFailures = state.locked() || state.otpFailures() > 0 || state.passwordFailures() > 0;
        return Decision.succeeded(ResultCode.OK,
                anyFailures ? List.of(new ContractUnlocked(c.operator(), c.reason())) : List.of());
    }

    /**
     * Maker: the request is recorded, nothing else changes. A reset needs a token to reset; a
     * second request for the same action while one waits is refused (E1012), so two operators
     * cannot race each other's reasons.
     */
    private Decision requestApproval(ContractState state, ContractCommand.RequestApproval c, Instant now) {
        if (c.action() == ApprovalAction.TOKEN_RESET && state.token().isEmpty()) {
            return Decision.rejected(ErrorCode.E1004);
        }
        PendingApproval waiting = state.approvals().get(c.action());
        if (waiting != null && waiting.openAt(now)) {
            return Decision.rejected(ErrorCode.E1012);
        }
        List<ContractEvent> events = new ArrayList<>();
        if (waiting != null) {
            events.add(new ContractEvent.ApprovalExpired(waiting.requestId(), waiting.action(), waiting.requestedBy()));
        }
        Optional<TokenId> tokenId = c.action() == ApprovalAction.TOKEN_RESET
                ? state.token().map(TokenCredential::tokenId) : Optional.empty();
        events.add(new ContractEvent.ApprovalRequested(new PendingApproval(c.requestId(), c.action(), c.requestedBy(),
                c.requestedByName(), c.reason(), now.plusSeconds(c.ttlSeconds()), tokenId)));
        return Decision.succeeded(ResultCode.OK, events);
    }

    /**
     * Checker: another person approves (the effect's events follow the approval's, naming both)
     * or rejects. Too late, the request is dropped and nothing happens (E1013); nobody decides
     * their own request (E1014), not even to reject it.
     */
    private Decision decideApproval(ContractState state, ContractCommand.DecideApproval c, Instant now) {
        Optional<PendingApproval> found = state.approval(c.requestId());
        if (found.isEmpty()) {
            return Decision.rejected(ErrorCode.E1013);
        }
        PendingApproval request = found.get();
        boolean tokenChanged = request.action() == ApprovalAction.TOKEN_RESET
                && !request.tokenId().equals(state.token().map(TokenCredential::tokenId));
        if (!request.openAt(now) || tokenChanged) {
            return Decision.rejected(ErrorCode.E1013, List.of(
                    new ContractEvent.ApprovalExpired(request.requestId(), request.action(), request.requestedBy())));
        }
        if (request.requestedBy().equals(c.decidedBy())) {
            return Decision.rejected(ErrorCode.E1014);
        }
        if (!c.approve()) {
            return Decision.succeeded(ResultCode.OK, List.of(new ContractEvent.ApprovalRejected(request.requestId(),
                    request.action(), request.requestedBy(), c.decidedBy(), c.decidedByName(), c.reason())));
        }
        Optional<String> approver = Optional.of(c.decidedBy());
        List<ContractEvent> effect = switch (request.action()) {
            case TOKEN_RESET -> state.token()
                    .<List<ContractEvent>>map(t -> List.of(new TokenReset(t.tokenId(), request.requestedBy(), request.reason(),
                            approver)))
                    .orElse(List.of());
            case UNLOCK -> List.of(new ContractUnlocked(request.requestedBy(), request.reason(), approver));
        };
        List<ContractEvent> events = new ArrayList<>();
        events.add(new ContractEvent.ApprovalGranted(request.requestId(), request.action(), request.requestedBy(),
                c.decidedBy(), c.decidedByName(), c.reason()));
        events.addAll(effect);
        return Decision.succeeded(ResultCode.OK, events);
    }

    private Decision resynchronise(ContractState state, Resynchronise c, Instant now) {
        Optional<Decision> unusable = tokenUnusable(state);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        TokenCredential token = state.activeToken().orElseThrow();
        Optional<OtpCheck> checked = withSeed(token.tokenId().value(), token.sealedSeed(),
                seed -> verifier.resynchronise(seed, token.parameters(), c.firstOtp(), c.secondOtp(), now,
                        token.lastAcceptedStep()));
        if (checked.isEmpty()) {
            return Decision.rejected(ErrorCode.E1009);
        }
        OtpCheck check = checked.get();
        if (check instanceof OtpCheck.Matched m) {
            return Decision.succeeded(ResultCode.OK,
                    List.of(new TokenResynchronised(token.tokenId(), m.step(), m.drift(), c.operator(), now)));
        }
        return Decision.rejected(check instanceof OtpCheck.AlreadyUsed ? ErrorCode.E1008 : ErrorCode.E1002);
    }

    /**
     * The shared rule for every code given to the contract's active token: locked → E1003; no
     * token → E1004; suspended → E1009; a replayed step → E1008 (audited, not counted); a wrong
     * code → counted, warned before the last try, locked at the limit; a right one records the
     * step and drift and is followed by {@code onSuccess}.
     */
    private Decision withCode(ContractState state, Purpose purpose, String otp, Optional<String> transferHash,
                              Instant now, List<ContractEvent> onSuccess, ResultCode resultCode) {
        if (state.locked()) {
            return Decision.rejected(ErrorCode.E1003);
        }
        Optional<Decision> unusable = tokenUnusable(state);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        TokenCredential token = state.activeToken().orElseThrow();
        Optional<OtpCheck> checked = withSeed(token.tokenId().value(), token.sealedSeed(),
                seed -> verifier.check(seed, token.parameters(), otp, now, token.lastAcceptedStep(), token.driftSteps()));
        if (checked.isEmpty()) {
            // The seed's data key was destroyed: the token can never verify again.
            return Decision.rejected(ErrorCode.E1009);
        }
        OtpCheck check = checked.get();
        if (check instanceof OtpCheck.Matched m) {
            List<ContractEvent> events = new ArrayList<>();
            events.add(new OtpVerified(token.tokenId(), purpose, m.step(), m.drift(), transferHash, now));
            events.addAll(onSuccess);
            return Decision.succeeded(resultCode, events);
        }
        if (check instanceof OtpCheck.AlreadyUsed u) {
            return Decision.rejected(ErrorCode.E1008, List.of(new OtpReplayRejected(token.tokenId(), purpose, u.step())));
        }
        return otpFailure(state, token.tokenId(), purpose);
    }

    /** Opens the seed only for the check, and wipes it after; empty when it cannot be opened. */
    private Optional<OtpCheck> withSeed(String tokenId, Sealed sealed,
                                        Function<byte[], OtpCheck> check) {
        byte[] seed;
        try {
            seed = seeds.open(tokenId, sealed);
        } catch (SecretUnavailableException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(check.apply(seed));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private Optional<Decision> tokenUnusable(ContractState state) {
        if (state.token().isEmpty()) {
            return Optional.of(Decision.rejected(ErrorCode.E1004));
        }
        if (state.activeToken().isEmpty()) {
            return Optional.of(Decision.rejected(ErrorCode.E1009));
        }
        return Optional.empty();
    }

    private Decision otpFailure(ContractState state, TokenId tokenId, Purpose purpose) {
        int failures = state.otpFailures() + 1;
        List<ContractEvent> events = new ArrayList<>(List.of(new OtpRejected(tokenId, purpose, failures)));
        addLockout(events, LockReason.OTP_FAILURES, failures, policy.maxOtpFailures());
        return Decision.rejected(failures >= policy.maxOtpFailures() ? ErrorCode.E1003 : ErrorCode.E1002, events);
    }

    private Decision passwordFailure(ContractState state) {
        int failures = state.passwordFailures() + 1;
        List<ContractEvent> events = new ArrayList<>(List.of(new PasswordRejected(failures)));
        addLockout(events, LockReason.PASSWORD_FAILURES, failures, policy.maxPasswordFailures());
        // Locked or not, a wrong password answers E1001 so the answer never helps a guesser.
        return Decision.rejected(ErrorCode.E1001, events);
    }

    private static void addLockout(List<ContractEvent> events, LockReason counter, int failures, int limit) {
        if (failures == limit - 1) {
            events.add(new LockoutWarningIssued(counter, 1));
        } else if (failures >= limit) {
            events.add(new ContractLocked(counter));
        }
    }

    private Ticket ticket(String id, TicketKind kind, Instant now, boolean currentTokenRequired) {
        return new Ticket(id, kind, now.plus(policy.ticketTtl()), currentTokenRequired, false);
    }
}
