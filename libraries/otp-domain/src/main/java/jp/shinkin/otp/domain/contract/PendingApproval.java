package jp.shinkin.otp.domain.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.shinkin.otp.domain.token.TokenId;

/**
 * An operator's request waiting for another person's approval. At most one per action per
 * contract; approving after {@code expiresAt} does nothing (the request is dropped).
 *
 * @param requestedBy     the requesting operator's subject at the staff identity provider
 * @param requestedByName their display name when they asked
 * @param tokenId         for a reset: the token it was asked for (approved after the customer changed
 *                        device, it would wipe a token nobody reviewed: then it is dropped instead)
 */
public record PendingApproval(String requestId, ApprovalAction action, String requestedBy, String requestedByName,
                              String reason, Instant expiresAt, Optional<TokenId> tokenId) {
    public PendingApproval {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(action);
        Objects.requireNonNull(requestedBy);
        Objects.requireNonNull(requestedByName);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(tokenId);
    }

    public boolean openAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
