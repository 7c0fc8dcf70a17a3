package jp.shinkin.otp.domain.contract;

/**
 * The session a session-bound command came in, as its token said and as its renewal will say.
 *
 * @param session          a digest of the session's nonce (the token itself never leaves the edge)
 * @param epoch            the session epoch the session was opened in
 * @param presentedLastUse the last use (epoch seconds) in the token shown
 * @param renewedAt        the last use (epoch seconds) in the renewed token handed back
 */
public record SessionUse(String session, long epoch, long presentedLastUse, long renewedAt) {
}
