package jp.shinkin.otp.service.routing;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Marks a request one instance sends on to the contract's owner. A forwarded request is served
 * where it arrives (no second routing) and is not charged to the API key twice, so the mark must
 * be unforgeable: {@code v2.<epoch seconds>.<HMAC-SHA256(cluster key, seconds + "\n" + method + "\n"
 * + path and query)>}, valid for 30 s either way. The method and the query are signed with the path,
 * so a mark seen on the cluster's network does not carry another request (a GET's mark a POST, a
 * peer's page query another query); the body is not (mutual TLS between instances keeps the marks
 * from being seen at all). A client's own {@code X-Otp-Forwarded} (e.g. "true") is ignored: the
 * request is routed, rate-limited and decided like any other.
 */
@Singleton
public class ForwardedHeader {
    public static final String NAME = "X-Otp-Forwarded";
    private static final String VERSION = "v2";
    private static final long SKEW_SECONDS = 30;

    private final SecretKeySpec key;

    public ForwardedHeader(@Value("${otp.cluster.key}") String keyBase64) {
        byte[] raw = Base64.getDecoder().decode(keyBase64.trim());
        if (raw.length < 32) {
            throw new IllegalArgumentException("otp.cluster.key must be base64 of at least 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** The header value for a {@code method} request on to {@code pathAndQuery}. */
    public String sign(String method, String pathAndQuery) {
        long now = System.currentTimeMillis() / 1000;
        return VERSION + "." + now + "." + mac(now, method, URI.create(pathAndQuery));
    }

    /** True only for a request another instance of this cluster forwarded, recently. */
    public boolean isValid(HttpRequest<?> request) {
        String value = request.getHeaders().get(NAME);
        if (value == null) {
            return false;
        }
        String[] parts = value.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - at) > SKEW_SECONDS) {
            return false;
        }
        byte[] expected = mac(at, request.getMethodName(), request.getUri()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(long at, String method, URI target) {
        String pathAndQuery = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal((at + "\n" + method + "\n" + pathAndQuery).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
