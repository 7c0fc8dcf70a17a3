package jp.shinkin.otp.domain.contract;

import java.util.Locale;
import java.util.Optional;

/** The languages notices are written in; Japanese unless the customer chose English. */
public enum NoticeLanguage {
    JA, EN;

    /** The language tag as it is stored ({@code ja}, {@code en}). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a tag ({@code ja}, {@code en}, any case); empty for anything else. */
    public static Optional<NoticeLanguage> ofTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        for (NoticeLanguage l : values()) {
            if (l.tag().equalsIgnoreCase(tag.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
