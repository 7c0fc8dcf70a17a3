package jp.shinkin.otp.service.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The roles the staff identity provider grants (its role claim's values, lower case). */
public enum StaffRole {
    /** Finds contracts, opens them, suspends lost tokens, resets and unlocks. */
    OPERATOR,
    /** Approves another operator's request (maker-checker). */
    APPROVER,
    /** Reads contracts, trails and alerts; changes nothing. */
    AUDITOR;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<StaffRole> fromClaim(Object value) {
        return Arrays.stream(values()).filter(r -> r.claimValue().equals(value)).findFirst();
    }
}
