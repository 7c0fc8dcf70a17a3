package jp.shinkin.otp.domain.token;

import java.util.Locale;

/** Where a soft token runs; each platform has its own token-ID prefix. */
public enum TokenPlatform {
    MOBILE,
    DESKTOP;

    public static TokenPlatform parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
