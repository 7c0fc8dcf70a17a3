package jp.shinkin.otp.domain.contract;

import java.time.Instant;

/**
 * A login challenge, registration or stop in progress.
 *
 * @param currentTokenRequired for a registration: a token was active when it started, so a code
 *                             from that token must be given before the new one is registered
 * @param currentTokenConfirmed that code was given
 */
public record Ticket(String id, TicketKind kind, Instant expiresAt, boolean currentTokenRequired,
                     boolean currentTokenConfirmed) {

    public boolean usableAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    Ticket confirmed() {
        return new Ticket(id, kind, expiresAt, currentTokenRequired, true);
    }
}
