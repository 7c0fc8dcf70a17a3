package jp.shinkin.otp.domain.contract;

import java.util.Optional;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenClaims;
import jp.shinkin.otp.domain.token.TokenId;

/**
 * What a channel or an operator asks of one contract. Passwords never enter a command: the edge
 * checks them against the stored hash and the command carries only whether they matched, so
 * the single writer still counts failures. Codes are carried as given; adapters encrypt them on
 * the wire.
 */
public sealed interface ContractCommand {

    /** Bank operations open a contract with an already-hashed password (PHC string). */
    record OpenContract(String passwordHash) implements ContractCommand {
    }

    /** Login screen: ID + password. May open a login challenge (when a code is needed). */
    record StartLogin(String challengeId, boolean passwordMatched) implements ContractCommand {
    }

    /** OTP screen after login. */
    record AnswerLoginChallenge(String challengeId, String otp) implements ContractCommand {
    }

    /** A code for one purpose, from the verification API. TRANSFER carries the transfer hash. */
    record VerifyOtp(Purpose purpose, String otp, Optional<String> transferHash, Optional<Money> amount)
            implements ContractCommand {
        /** A code checked for anything but a transfer (or a transfer whose amount the channel did not give). */
        public VerifyOtp(Purpose purpose, String otp, Optional<String> transferHash) {
            this(purpose, otp, transferHash, Optional.empty());
        }
    }

    /** Registration screen 1: ID + password. */
    record StartRegistration(String registrationId, boolean passwordMatched) implements ContractCommand {
    }

    /** Device change: a code from the token now registered. */
    record ConfirmCurrentToken(String registrationId, String otp) implements ContractCommand {
    }

    /**
     * Registration screen 2: token ID + its code. The token's sealed seed and parameters are looked
     * up by the adapter from the token issuer's records.
     */
    record CompleteRegistration(String registrationId, TokenId tokenId, Sealed sealedSeed, TotpParameters parameters,
                                String otp) implements ContractCommand {
        /** As the channel asks it, before the token's issued seed and parameters are looked up (they are null here). */
        public static CompleteRegistration asked(String registrationId, TokenId tokenId, String otp) {
            return new CompleteRegistration(registrationId, tokenId, null, null, otp);
        }
    }

    /** The token-ID uniqueness step's answer to a {@code TokenClaimRequested}. */
    record ResolveTokenClaim(String registrationId, TokenId tokenId, boolean granted,
                             Optional<TokenClaims.Refusal> refusal) implements ContractCommand {
        public ResolveTokenClaim(String registrationId, TokenId tokenId, boolean granted) {
            this(registrationId, tokenId, granted, Optional.empty());
        }
    }

    /** Stop screen 1: ID + password. */
    record StartStop(String stopId, boolean passwordMatched) implements ContractCommand {
    }

    /**
     * Stop screen 2: the current code. {@code retire}: the customer will not use this app again, so
     * the token is retired for good (its key destroyed) instead of staying free for a later registration.
     */
    record CompleteStop(String stopId, String otp, boolean retire) implements ContractCommand {
        public CompleteStop(String stopId, String otp) {
            this(stopId, otp, false);
        }
    }

    /** Login authentication setting; switching it off needs a code, switching it on does not. */
    record SetLoginOtpRequired(boolean required, Optional<String> otp) implements ContractCommand {
    }

    /** Transfer-limit change; always needs a code. */
    record ChangeTransferLimit(Money dailyLimit, String otp) implements ContractCommand {
    }

    /**
     * The bank resets a token the customer can no longer use (broken device). Since maker-checker
     * it is decided only as the effect of an approved {@link RequestApproval}; a recorded one is
     * still decided as it was (replays of the log).
     */
    record ResetToken(String operator, String reason) implements ContractCommand {
    }

    /** Lost, stolen or uninstalled: the token stops working at once, for good. */
    record SuspendToken(SuspensionReason reason, String operator) implements ContractCommand {
    }

    /** Audited unlock after too many failures; like {@link ResetToken}, only as an approved request's effect. */
    record Unlock(String operator, String reason) implements ContractCommand {
    }

    /**
     * An operator asks for a reset or unlock; it happens only when another person approves
     * ({@link DecideApproval}) within {@code ttlSeconds} of the command's time.
     */
    record RequestApproval(String requestId, ApprovalAction action, String requestedBy, String requestedByName,
                           String reason, long ttlSeconds) implements ContractCommand {
    }

    /** An approver approves or rejects a waiting request; nobody decides their own. */
    record DecideApproval(String requestId, boolean approve, String decidedBy, String decidedByName, String reason)
            implements ContractCommand {
    }

    /** The customer logs out: every session of the contract ends, on every instance. */
    record EndSessions() implements ContractCommand {
    }

    /**
     * A command that came in a customer's session (a transfer, a settings change): decided only if
     * the session is still live and the token shown is its latest; the renewal is recorded.
     */
    record InSession(SessionUse session, ContractCommand command) implements ContractCommand {
        public InSession {
            if (command instanceof InSession) {
                throw new IllegalArgumentException("one session per command");
            }
        }
    }

    /**
     * The bank records where the customer's notices go (from the customer's own form) or erases
     * it: an empty address removes it, and with it the data key of the address it replaces.
     */
    record SetContact(Optional<Sealed> address, NoticeLanguage language, String operator)
            implements ContractCommand {
    }

    /** Re-anchor a drifted token's clock with two consecutive codes. */
    record Resynchronise(String firstOtp, String secondOtp, String operator) implements ContractCommand {
    }
}
