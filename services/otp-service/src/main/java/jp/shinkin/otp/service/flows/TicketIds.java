package jp.shinkin.otp.service.flows;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * writer's decision. The ID is a bearer secret for its 5 minutes, so it never reaches Kafka:
 * commands, state and events carry only its {@link #reference} (a hash).
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

    /** What commands carry instead of the ticket ID: the contract ID and a SHA-256 of the whole ID. */
    public String reference(String ticketId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(ticketId.getBytes(StandardCharsets.US_ASCII));
            return contractOf(ticketId) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
