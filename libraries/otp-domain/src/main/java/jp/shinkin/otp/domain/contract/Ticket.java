package jp.shinkin.otp.domain.contract;

import java.time.Instant;
import java.util.Optional;

/**
 * A login challenge, registration or stop in progress.
 *
 * @param currentTokenRequired for a registration: a token was active when it started, so a code
 *                             from that token must be given before the new one is registered
 * @param currentTokenConfirmed that code was given
 * @param pendingClaim         for a registration: the new token's code was right and its token ID is
 *                             being claimed (the token-ID uniqueness step answers)
 */
public record Ticket(String id, TicketKind kind, Instant expiresAt, boolean currentTokenRequired,
                     boolean currentTokenConfirmed, Optional<PendingClaim> pendingClaim) {

    public Ticket(String id, TicketKind kind, Instant expiresAt, boolean currentTokenRequired,
                  boolean currentTokenConfirmed) {
        this(id, kind, expiresAt, currentTokenRequired, currentTokenConfirmed, Optional.empty());
    }

    public boolean usableAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    Ticket confirmed() {
        return new Ticket(id, kind, expiresAt, currentTokenRequired, true, pendingClaim);
    }

    Ticket withPendingClaim(Optional<PendingClaim> claim) {
        return new Ticket(id, kind, expiresAt, currentTokenRequired, currentTokenConfirmed, claim);
    }
}
