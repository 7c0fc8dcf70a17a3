package jp.shinkin.otp.service.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The JSON bodies of the operations endpoints. None names who acts: that is the caller the access
 * token or service key proves (a field {@code operator} sent by an older client is ignored).
 */
public final class OpsRequests {
    private OpsRequests() {
    }

    /** Exactly one of {@code password} (hashed here with Argon2id) or {@code passwordHash} (a PHC string). */
    @Serdeable
    public record OpenContract(@Nullable String contractId, @Nullable String password, @Nullable String passwordHash) {
        @Override
        public String toString() {
            return "OpenContract[contractId=" + contractId + "]";
        }
    }

    @Serdeable
    public record BulkOpen(@Nullable List<BulkEntry> contracts) {
    }

    @Serdeable
    public record BulkEntry(@Nullable String contractId, @Nullable String passwordHash) {
        @Override
        public String toString() {
            return "BulkEntry[contractId=" + contractId + "]";
        }
    }

    @Serdeable
    public record Action(@Nullable String reason) {
    }

    /** Where the customer's notices go: an e-mail address and {@code ja} (default) or {@code en}. */
    @Serdeable
    public record Contact(@Nullable String email, @Nullable String language) {
        @Override
        public String toString() {
            return "Contact[language=" + language + "]";
        }
    }

    /** An approver's answer to a waiting request: {@code "approve"} or {@code "reject"}, with a comment or reason. */
    @Serdeable
    public record ApprovalDecision(@Nullable String decision, @Nullable String reason) {
    }
}
