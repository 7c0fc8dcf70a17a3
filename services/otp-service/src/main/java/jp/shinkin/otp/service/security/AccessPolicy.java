package jp.shinkin.otp.service.security;

import io.micronaut.http.HttpMethod;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may call what. The channel's key calls the channel API only. Under {@code /v1/ops/}: every
 * staff role and the service jobs read; operators and service jobs open contracts and import
 * tokens; only a signed-in operator (a person) suspends, or asks for a reset or unlock, and only a
 * person with the approver role approves one (the single writer refuses the requester's own).
 */
public final class AccessPolicy {
    private static final Pattern PERSONAL_ACTION =
            Pattern.compile("^/v1/ops/contracts/[^/]+/(token-reset|token-suspension|unlock)$");
    private static final Pattern APPROVAL = Pattern.compile("^/v1/ops/contracts/[^/]+/approvals/[^/]+$");

    private AccessPolicy() {
    }

    public static boolean isOperations(String path) {
        return path.startsWith("/v1/ops/") || path.equals("/v1/ops");
    }

    /** Why this caller may not make this call, or empty when it may. */
    public static Optional<String> refusal(Caller caller, HttpMethod method, String path) {
        if (!isOperations(path)) {
            return caller instanceof Caller.Channel ? Optional.empty() : Optional.of("this endpoint needs the channel API key");
        }
        boolean reads = method == HttpMethod.GET || method == HttpMethod.HEAD;
        boolean approval = APPROVAL.matcher(path).matches();
        boolean personal = approval || PERSONAL_ACTION.matcher(path).matches();
        if (caller instanceof Caller.ServiceJob) {
            return reads || !personal ? Optional.empty()
                    : Optional.of("this action needs a signed-in operator, not a service key");
        }
        if (caller instanceof Caller.Staff staff) {
            if (reads) {
                return staff.roles().isEmpty()
                        ? Optional.of("your account has none of the roles operator, approver, auditor") : Optional.empty();
            }
            if (approval) {
                return staff.has(StaffRole.APPROVER) ? Optional.empty() : Optional.of("approving needs the approver role");
            }
            return staff.has(StaffRole.OPERATOR) ? Optional.empty() : Optional.of("this action needs the operator role");
        }
        return Optional.of("this endpoint needs an operator's access token or a service key");
    }
}
