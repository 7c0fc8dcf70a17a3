package jp.shinkin.otp.service.security;

import io.micronaut.http.HttpMethod;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.service.api.ApiException;

/**
 * Who may call what. The channel's key calls the channel API only. Under {@code /v1/ops/}: every
 * staff role and the batch job read; the batch job may otherwise only open contracts and import
 * tokens and keep customers' notice addresses (an allow-list); a signed-in operator (a person) opens, imports, suspends, and asks for a
 * reset or unlock; only a person with the approver role approves one (the single writer refuses
 * the requester's own). The controllers check the role again (see {@link #requireStaff}).
 */
public final class AccessPolicy {
    private static final Pattern APPROVAL = Pattern.compile("^/v1/ops/contracts/[^/]+/approvals/[^/]+$");
    /** What the batch job may write: migrations. Everything else it may only read. */
    private static final Pattern JOB_WRITES = Pattern.compile("^/v1/ops/(contracts|contracts/bulk|tokens/imports)$");
    /** The customers' notice addresses, kept in step with the bank's customer file. */
    private static final Pattern JOB_CONTACTS = Pattern.compile("^/v1/ops/contracts/[^/]+/contact$");

    private AccessPolicy() {
    }

    public static boolean isOperations(String path) {
        return path.startsWith("/v1/ops/") || path.equals("/v1/ops");
    }

    /** Why this caller may not make this call, or empty when it may. */
    public static Optional<String> refusal(Caller caller, HttpMethod method, String rawPath) {
        // The router ignores one trailing slash; the policy must see the path the router matches.
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (!isOperations(path)) {
            return caller instanceof Caller.Channel ? Optional.empty() : Optional.of("this endpoint needs the channel API key");
        }
        boolean reads = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (caller instanceof Caller.ServiceJob) {
            boolean contact = (method == HttpMethod.PUT || method == HttpMethod.DELETE) && JOB_CONTACTS.matcher(path).matches();
            return reads || contact || (method == HttpMethod.POST && JOB_WRITES.matcher(path).matches()) ? Optional.empty()
                    : Optional.of("this action needs a signed-in operator, not a service key");
        }
        if (caller instanceof Caller.Staff staff) {
            if (reads) {
                return staff.roles().isEmpty()
                        ? Optional.of("your account has none of the roles operator, approver, auditor") : Optional.empty();
            }
            if (APPROVAL.matcher(path).matches()) {
                return staff.has(StaffRole.APPROVER) ? Optional.empty() : Optional.of("approving needs the approver role");
            }
            return staff.has(StaffRole.OPERATOR) ? Optional.empty() : Optional.of("this action needs the operator role");
        }
        return Optional.of("this endpoint needs an operator's access token or a service key");
    }

    /**
     * The second check, in the controller that acts: the caller is a person holding this role,
     * whatever path led here.
     */
    public static Caller.Staff requireStaff(Caller caller, StaffRole role) {
        if (caller instanceof Caller.Staff staff && staff.has(role)) {
            return staff;
        }
        throw new ApiException(ErrorCode.E4030,
                "this action needs a signed-in person with the " + role.claimValue() + " role", null);
    }
}
