package jp.shinkin.otp.credentials;

import java.util.Objects;

/** Who asks the single writer for a decision; every event it causes names this origin. */
public record Origin(Kind kind, String id) {
    /** The banking channel (on behalf of a customer), a bank operator, or the platform itself. */
    public enum Kind { CHANNEL, OPERATOR, SYSTEM }

    public Origin {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
    }

    public static Origin channel(String id) {
        return new Origin(Kind.CHANNEL, id);
    }

    public static Origin operator(String name) {
        return new Origin(Kind.OPERATOR, name);
    }
}
