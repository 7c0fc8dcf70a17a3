package jp.shinkin.otp.credentials;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks the single writer for a decision; every event it causes names this origin. For a bank
 * operator the id is the subject at the staff identity provider (stable) and the name is the
 * display name the token carried (what a person reading the trail recognises).
 */
public record Origin(Kind kind, String id, Optional<String> name) {
    /** The banking channel (on behalf of a customer), a bank operator, or the platform itself (incl. service jobs). */
    public enum Kind { CHANNEL, OPERATOR, SYSTEM }

    public Origin {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
    }

    public Origin(Kind kind, String id) {
        this(kind, id, Optional.empty());
    }

    public static Origin channel(String id) {
        return new Origin(Kind.CHANNEL, id);
    }

    /** A person signed in at the bank's identity provider. */
    public static Origin operator(String subject, String displayName) {
        return new Origin(Kind.OPERATOR, subject, Optional.ofNullable(displayName));
    }

    /** A machine job with its own identity (bulk imports); never a person. */
    public static Origin job(String name) {
        return new Origin(Kind.SYSTEM, name);
    }
}
