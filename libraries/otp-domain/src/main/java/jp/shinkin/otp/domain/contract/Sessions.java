package jp.shinkin.otp.domain.contract;

import java.util.HashMap;
import java.util.Map;

/**
 * The contract's sessions as the single writer knows them. Sessions carry the epoch they were
 * opened in; logout, stop, suspension, reset and lock move it on, which ends every session at once.
 * Within an epoch, each session's latest renewal (the last use written in the token handed back)
 * retires every earlier token of that session. Renewals older than a session can live are dropped.
 */
public record Sessions(long epoch, Map<String, Long> renewals) {
    public static final Sessions FIRST = new Sessions(0, Map.of());
    /** Longer than any session lives (otp.sessions.max-lifetime is 12 h): an older renewal retires nothing live. */
    static final long REMEMBERED_SECONDS = 24 * 3600;

    public Sessions {
        renewals = Map.copyOf(renewals);
    }

    Sessions nextEpoch() {
        return new Sessions(epoch + 1, Map.of());
    }

    Sessions renewed(String session, long renewedAt) {
        Map<String, Long> next = new HashMap<>();
        renewals.forEach((s, at) -> {
            if (at > renewedAt - REMEMBERED_SECONDS) {
                next.put(s, at);
            }
        });
        next.merge(session, renewedAt, Math::max);
        return new Sessions(epoch, next);
    }

    /** Whether a token of this session showing this last use is still its latest. */
    public boolean isLatest(String session, long lastUse) {
        return lastUse >= renewals.getOrDefault(session, Long.MIN_VALUE);
    }
}
