package jp.shinkin.otp.service.flows;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.service.api.ApiException;

/**
 * IDs of challenges, registrations and stops: {@code <contractId>.<128 random bits>}. The
 * contract ID in front lets any instance route the next step to the contract's owner; the random
 * part makes the ID unguessable. Whether the ticket exists and is still valid is the single
 * writer's decision.
 */
@Singleton
public class TicketIds {
    private static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9-]{1,32})\\.([A-Za-z0-9_-]{22})");
    private final SecureRandom random = new SecureRandom();

    public String newId(String contractId) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return contractId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The contract a ticket belongs to; a malformed ID is unknown (E1007). */
    public String contractOf(String ticketId) {
        Matcher m = ticketId == null ? null : FORMAT.matcher(ticketId);
        if (m == null || !m.matches()) {
            throw new ApiException(ErrorCode.E1007, "unknown or expired ticket", null);
        }
        return m.group(1);
    }
}
