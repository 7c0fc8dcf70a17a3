package jp.shinkin.otp.softtoken;

import java.time.Instant;
import jp.shinkin.otp.domain.otp.TotpParameters;

/** How long the current code has left, as seconds and as a bar. */
public final class Countdown {
    private static final int WIDTH = 30;

    private Countdown() {
    }

    public static int secondsLeft(Instant now, TotpParameters p) {
        return (int) (p.periodSeconds() - Math.floorMod(now.getEpochSecond(), (long) p.periodSeconds()));
    }

    public static String bar(int secondsLeft, int period) {
        int filled = (int) Math.round((double) secondsLeft / period * WIDTH);
        return "[" + "█".repeat(filled) + "░".repeat(WIDTH - filled) + "]";
    }

    /** "123 456" - grouped like the manuals' token screens. */
    public static String grouped(String code) {
        int half = code.length() / 2;
        return code.substring(0, half) + " " + code.substring(half);
    }
}
