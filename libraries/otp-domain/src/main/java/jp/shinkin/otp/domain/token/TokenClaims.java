package jp.shinkin.otp.domain.token;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The token-ID uniqueness rule (one contract per token ID), decided by the single writer for each
 * token ID: a claim is granted when the ID is free or already this contract's.
 */
public final class TokenClaims {
    private TokenClaims() {
    }

    public static boolean grants(Optional<String> owner, String claimingContract) {
        return owner.isEmpty() || owner.get().equals(claimingContract);
    }

    /** Why a claim is refused. */
    public enum Refusal {
        /** Another contract holds the token (E1006). */
        TAKEN,
        /** Retired for good: reset, suspended, replaced by a device change; its key is shredded (E1005). */
        RETIRED,
        /** The claim's code is not later than the last code the token gave before it was stopped (E1008). */
        CODE_USED
    }

    /**
     * The claim of a token by a contract, showing a code of {@code claimStep}: granted (empty) or why
     * not. A retired token goes to nobody, its last owner included; a stopped one to anyone who
     * shows a code it has not given before, so a code seen during the stop cannot register it again.
     */
    public static Optional<Refusal> decide(Optional<String> owner, boolean retired, OptionalLong lastStep,
                                           String claimingContract, long claimStep) {
        if (retired) {
            return Optional.of(Refusal.RETIRED);
        }
        if (!grants(owner, claimingContract)) {
            return Optional.of(Refusal.TAKEN);
        }
        if (lastStep.isPresent() && claimStep <= lastStep.getAsLong()) {
            return Optional.of(Refusal.CODE_USED);
        }
        return Optional.empty();
    }

    /** The owner after {@code releasingContract} gave the token up (only the owner can release it). */
    public static Optional<String> afterRelease(Optional<String> owner, String releasingContract) {
        return owner.filter(o -> !o.equals(releasingContract));
    }
}
