package jp.shinkin.otp.fraud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule remembers for one key, stored as text ("key=millis;key=millis"): the last time each
 * member (a contract, a failure number) was seen, and when the rule last fired.
 */
final class RecentTimes {
    final Map<String, Long> seen;
    long lastAlert;

    private RecentTimes(Map<String, Long> seen, long lastAlert) {
        this.seen = seen;
        this.lastAlert = lastAlert;
    }

    static RecentTimes parse(String text) {
        Map<String, Long> seen = new LinkedHashMap<>();
        long lastAlert = Long.MIN_VALUE;
        if (text != null && !text.isEmpty()) {
            for (String part : text.split(";")) {
                int eq = part.lastIndexOf('=');
                String key = part.substring(0, eq);
                long at = Long.parseLong(part.substring(eq + 1));
                if (key.equals("!alert")) {
                    lastAlert = at;
                } else {
                    seen.put(key, at);
                }
            }
        }
        return new RecentTimes(seen, lastAlert);
    }

    /** Drops members last seen at or before {@code cutoff}. */
    void forgetUpTo(long cutoff) {
        seen.values().removeIf(t -> t <= cutoff);
    }

    long earliest() {
        return seen.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    String format() {
        List<String> parts = new ArrayList<>();
        seen.forEach((k, v) -> parts.add(k + "=" + v));
        if (lastAlert != Long.MIN_VALUE) {
            parts.add("!alert=" + lastAlert);
        }
        return String.join(";", parts);
    }
}
