package jp.shinkin.otp.domain.token;

import java.util.Optional;

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

    /** The owner after {@code releasingContract} gave the token up (only the owner can release it). */
    public static Optional<String> afterRelease(Optional<String> owner, String releasingContract) {
        return owner.filter(o -> !o.equals(releasingContract));
    }
}
