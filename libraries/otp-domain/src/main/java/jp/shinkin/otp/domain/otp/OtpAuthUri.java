package jp.shinkin.otp.domain.otp;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code otpauth://totp/Issuer:account?secret=...} key URI that authenticator apps
 * (Google Authenticator, FreeOTP, ...) scan from a QR code.
 */
public record OtpAuthUri(String issuer, String account, byte[] secret, TotpParameters parameters) {

    public OtpAuthUri {
        if (issuer == null || issuer.isBlank() || issuer.contains(":")) {
            throw new IllegalArgumentException("issuer must be non-blank and contain no ':'");
        }
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("account is required");
        }
        if (secret == null || secret.length < 10) {
            throw new IllegalArgumentException("secret must be at least 80 bits");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public String toUriString() {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label
                + "?secret=" + Base32.encode(secret)
                + "&issuer=" + encode(issuer)
                + "&algorithm=" + parameters.algorithm().name()
                + "&digits=" + parameters.digits()
                + "&period=" + parameters.periodSeconds();
    }

    public static OtpAuthUri parse(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URI", e);
        }
        if (!"otpauth".equalsIgnoreCase(uri.getScheme()) || !"totp".equalsIgnoreCase(uri.getHost())) {
            throw new IllegalArgumentException("not an otpauth://totp URI");
        }
        String label = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        Map<String, String> query = query(uri.getRawQuery());
        String labelIssuer = null;
        String account = decode(label);
        int colon = label.indexOf(':');
        if (colon < 0) {
            colon = label.indexOf("%3A");
        }
        if (colon >= 0) {
            labelIssuer = decode(label.substring(0, colon));
            account = decode(label.substring(label.charAt(colon) == ':' ? colon + 1 : colon + 3)).strip();
        }
        String issuer = query.getOrDefault("issuer", labelIssuer);
        if (issuer == null) {
            throw new IllegalArgumentException("otpauth URI names no issuer");
        }
        String secret = query.get("secret");
        if (secret == null) {
            throw new IllegalArgumentException("otpauth URI has no secret");
        }
        TotpParameters parameters = new TotpParameters(
                HmacAlgorithm.fromUriName(query.getOrDefault("algorithm", "SHA1")),
                Integer.parseInt(query.getOrDefault("digits", "6")),
                Integer.parseInt(query.getOrDefault("period", "30")));
        return new OtpAuthUri(issuer, account, Base32.decode(secret), parameters);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtpAuthUri other
                && issuer.equals(other.issuer) && account.equals(other.account)
                && Arrays.equals(secret, other.secret) && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, account, parameters);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "OtpAuthUri[issuer=" + issuer + ", account=" + account + ", secret=<redacted>, " + parameters + "]";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT), decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
