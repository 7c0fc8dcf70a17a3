package jp.shinkin.otp.fraud;

import java.util.HashMap;
import java.util.Map;
import jp.shinkin.otp.wire.state.FraudSightings;

/**
 * What a rule remembers for one key while it works on it: the last time each member (a contract, a
 * failure's event ID) was seen, and when the rule last fired. Stored as {@link FraudSightings}.
 */
final class RecentTimes {
    final Map<String, Long> seen;
    long lastAlert;

    private RecentTimes(Map<String, Long> seen, long lastAlert) {
        this.seen = seen;
        this.lastAlert = lastAlert;
    }

    static RecentTimes of(FraudSightings stored) {
        if (stored == null) {
            return new RecentTimes(new HashMap<>(), Long.MIN_VALUE);
        }
        Long alert = stored.getLastAlertAt();
        return new RecentTimes(new HashMap<>(stored.getLastSeen()), alert == null ? Long.MIN_VALUE : alert);
    }

    /** Drops members last seen at or before {@code cutoff}. */
    void forgetUpTo(long cutoff) {
        seen.values().removeIf(t -> t <= cutoff);
    }

    long earliest() {
        return seen.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    FraudSightings stored() {
        return new FraudSightings(new HashMap<>(seen), lastAlert == Long.MIN_VALUE ? null : lastAlert);
    }
}
