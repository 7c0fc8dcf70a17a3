package jp.shinkin.otp.service.sessions;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractId;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.SessionUse;
import jp.shinkin.otp.service.api.ApiException;

/**
 * Signed, stateless session tokens: {@code keyId.base64url(contractId|issuedAt|lastUse|nonce).base64url(HMAC-SHA256)}.
 * The newest key signs; every configured key verifies, by the ID the token names, so rotating the
 * key logs nobody out (SessionConfiguration).
 * Any instance can check one without a store lookup or a round trip through Kafka, and no session
 * secret is ever written to a topic, store or log. A session only says "this contract logged in":
 * every transfer or setting change it allows still needs a code decided by the single writer.
 * Idle expiry slides: each session-bound call returns a renewed token (header X-Session-Id), and
 * the single writer records the renewal, so the token shown before is refused from then on.
 * A token carries the contract's session epoch: logout, stop, suspension, reset and lock move the
 * epoch on in the contract's state, and the owner refuses tokens of an earlier epoch, so every
 * session of the contract ends at once, on every instance.
 */
@Singleton
public class SessionTokens {
    private final String signingKeyId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final Clock clock;
    private final SessionConfiguration config;
    private final SecureRandom random = new SecureRandom();

    public SessionTokens(SessionConfiguration config, Clock clock) {
        this.signingKeyId = config.getKeyId();
        config.keysById().forEach((id, bytes) -> keys.put(id, new SecretKeySpec(bytes, "HmacSHA256")));
        this.clock = clock;
        this.config = config;
    }

    /** A new session of the contract, in its current session epoch (a later logout, stop, suspension, reset or lock ends it). */
    public String issue(String contractId, long epoch) {
        long now = clock.instant().getEpochSecond();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        return sign(contractId + "|" + epoch + "|" + now + "|" + now + "|"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    /** The session's contract and a renewed token; E1007 when missing, forged, idle too long or too old. */
    public Session check(String token) {
        String payload = verified(token);
        String[] parts = payload.split("\\|");
        if (parts.length != 5 || !ContractId.isValid(parts[0])) {
            throw expired();
        }
        Instant now = clock.instant();
        long epoch = Long.parseLong(parts[1]);
        long issuedAt = Long.parseLong(parts[2]);
        long lastUse = Long.parseLong(parts[3]);
        if (now.getEpochSecond() - lastUse > config.getIdleTimeout().toSeconds()
                || now.getEpochSecond() - issuedAt > config.getMaxLifetime().toSeconds()
                || lastUse > now.getEpochSecond() + 60) {
            throw expired();
        }
        String renewed = sign(parts[0] + "|" + epoch + "|" + issuedAt + "|" + now.getEpochSecond() + "|" + parts[4]);
        return new Session(parts[0], epoch, renewed,
                new SessionUse(reference(parts[4]), epoch, lastUse, now.getEpochSecond()));
    }

    /** Names the session in commands and events without its nonce: a digest of it. */
    private static String reference(String nonce) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("otp-session:" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String verified(String token) {
        if (token == null || token.length() > 512) {
            throw expired();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !keys.containsKey(parts[0])) {
            throw expired();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            byte[] mac = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(mac, mac(keys.get(parts[0]), payload))) {
                throw expired();
            }
            return new String(payload, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw expired();
        }
    }

    private String sign(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return signingKeyId + "." + b64.encodeToString(bytes) + "." + b64.encodeToString(mac(keys.get(signingKeyId), bytes));
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException expired() {
        return new ApiException(ErrorCode.E1007, "no valid session: log in again", "X-Session-Id");
    }

    /**
     * A checked signature: the contract, the session epoch it was opened in (the contract's owner
     * compares it with the current one, {@link SessionEpochs}), the renewed token to hand back and
     * the use the single writer checks and records ({@link #within}).
     */
    public record Session(String contractId, long epoch, String renewedToken, SessionUse use) {
        /**
         * The command as it goes to the single writer: refused there if the session has ended or
         * this token was renewed since, and this renewal recorded, so the token shown stops working
         * once the renewed one is handed back.
         */
        public ContractCommand within(ContractCommand command) {
            return new ContractCommand.InSession(use, command);
        }
    }
}
