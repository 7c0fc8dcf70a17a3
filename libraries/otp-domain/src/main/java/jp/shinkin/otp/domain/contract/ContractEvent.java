package jp.shinkin.otp.domain.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;

/** Facts about one contract, in the order they happened. State is a fold of these. */
public sealed interface ContractEvent {

    record ContractOpened(String passwordHash) implements ContractEvent {
    }

    record PasswordAccepted(TicketKind forStep) implements ContractEvent {
    }

    record PasswordRejected(int consecutiveFailures) implements ContractEvent {
    }

    record TicketIssued(Ticket ticket) implements ContractEvent {
    }

    record TicketConsumed(String ticketId, TicketKind kind) implements ContractEvent {
    }

    record CurrentTokenConfirmed(String registrationId) implements ContractEvent {
    }

    record OtpVerified(TokenId tokenId, Purpose purpose, long step, int driftSteps, Optional<String> transferHash,
                       Instant at) implements ContractEvent {
    }

    record OtpRejected(TokenId tokenId, Purpose purpose, int consecutiveFailures) implements ContractEvent {
    }

    /** A code already used was offered again: audited, not counted as a guess, no state change. */
    record OtpReplayRejected(TokenId tokenId, Purpose purpose, long step) implements ContractEvent {
    }

    record LockoutWarningIssued(LockReason counter, int remainingAttempts) implements ContractEvent {
    }

    record ContractLocked(LockReason reason) implements ContractEvent {
    }

    /** @param approvedBy who approved the unlock (maker-checker); empty in events recorded before it */
    record ContractUnlocked(String operator, String reason, Optional<String> approvedBy) implements ContractEvent {
        public ContractUnlocked(String operator, String reason) {
            this(operator, reason, Optional.empty());
        }
    }

    /**
     * The new token's code was right; its token ID is now claimed for this contract (invariant 6:
     * one contract per token ID). Registration completes when the claim is granted.
     */
    record TokenClaimRequested(String registrationId, TokenId tokenId, Sealed sealedSeed, TotpParameters parameters,
                               long acceptedStep) implements ContractEvent {
    }

    /** The token ID belongs to another contract (E1006); the registration may try another token. */
    record TokenClaimRefused(String registrationId, TokenId tokenId) implements ContractEvent {
    }

    /** A granted claim that is no longer wanted (its registration expired): the token ID is free again. */
    record TokenReleased(TokenId tokenId) implements ContractEvent {
    }

    /** The new token replaces one that was active: emitted just before its TokenRegistered. */
    record DeviceChanged(TokenId previousTokenId, TokenId newTokenId) implements ContractEvent {
    }

    /** The registration code's step is recorded, so that code cannot be used again. */
    record TokenRegistered(TokenId tokenId, Sealed sealedSeed, TotpParameters parameters, long acceptedStep,
                           boolean deviceChange, Instant at) implements ContractEvent {
    }

    /**
     * @param lastAcceptedStep the stop code's step: a later registration of the same token needs a later code
     * @param retired          the customer retired the token with the stop: nobody may register it again
     */
    record TokenStopped(TokenId tokenId, OptionalLong lastAcceptedStep, boolean retired) implements ContractEvent {
        public TokenStopped(TokenId tokenId) {
            this(tokenId, OptionalLong.empty(), false);
        }

        public TokenStopped(TokenId tokenId, OptionalLong lastAcceptedStep) {
            this(tokenId, lastAcceptedStep, false);
        }
    }

    /** @param approvedBy who approved the reset (maker-checker); empty in events recorded before it */
    record TokenReset(TokenId tokenId, String operator, String reason, Optional<String> approvedBy)
            implements ContractEvent {
        public TokenReset(TokenId tokenId, String operator, String reason) {
            this(tokenId, operator, reason, Optional.empty());
        }
    }

    /** Every session of the contract ended (logout); stop, suspension, reset and lock end them too. */
    record SessionsEnded(String reason) implements ContractEvent {
    }

    /** A session-bound call handed back a renewed token: the session's earlier tokens are over. */
    record SessionRenewed(String session, long renewedAt) implements ContractEvent {
    }

    /** An operator asked for a reset or unlock; it waits for another person until {@code expiresAt}. */
    record ApprovalRequested(PendingApproval request) implements ContractEvent {
    }

    /** Another person approved; the effect's events follow in the same decision. */
    record ApprovalGranted(String requestId, ApprovalAction action, String requestedBy, String approvedBy,
                           String approvedByName, String comment) implements ContractEvent {
    }

    record ApprovalRejected(String requestId, ApprovalAction action, String requestedBy, String rejectedBy,
                            String rejectedByName, String reason) implements ContractEvent {
    }

    /** Decided too late: the request is dropped and nothing happens. */
    record ApprovalExpired(String requestId, ApprovalAction action, String requestedBy) implements ContractEvent {
    }

    record TokenSuspended(TokenId tokenId, SuspensionReason reason, String operator) implements ContractEvent {
    }

    record TokenResynchronised(TokenId tokenId, long step, int driftSteps, String operator, Instant at)
            implements ContractEvent {
    }

    /**
     * Where notices go changed (an empty address: the bank holds none any more).
     *
     * @param retiredKeyId the data key of the address this one replaces: destroyed with this event,
     *                     so the earlier address cannot be read anywhere again
     */
    record ContactChanged(Optional<Sealed> address, NoticeLanguage language, String operator,
                          Optional<String> retiredKeyId) implements ContractEvent {
    }

    record LoginOtpSettingChanged(boolean required) implements ContractEvent {
    }

    record TransferLimitChanged(Money dailyLimit) implements ContractEvent {
    }

    /** A transfer was authorized: its amount counts toward the bank day's total. */
    record TransferAuthorized(Money amount, LocalDate day) implements ContractEvent {
    }

    /** A transfer above what is left of the day's limit was refused; its code was not looked at. */
    record TransferRefused(Money amount, Money remaining, LocalDate day) implements ContractEvent {
    }
}
