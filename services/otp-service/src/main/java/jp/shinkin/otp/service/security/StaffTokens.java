package jp.shinkin.otp.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a staff access token (a JWT from the bank's OpenID Connect provider): signature against
 * the provider's published keys (JWKS, found through its discovery document and cached, refetched
 * when an unknown key ID appears), issuer, audience, expiry and not-before, then reads the subject,
 * display name and roles. Nimbus JOSE+JWT does the cryptography and the claim checks.
 */
@Singleton
public class StaffTokens {
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final StaffIdentityConfiguration config;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final StaffDiscovery discovery;
    private volatile JWKSource<SecurityContext> keys;

    public StaffTokens(StaffIdentityConfiguration config, StaffDiscovery discovery) {
        this.config = config;
        this.discovery = discovery;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, this::keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(config.getAudience()),
                new JWTClaimsSet.Builder().issuer(config.getIssuer()).build(), Set.of("sub", "exp", "iat"), null);
        claims.setMaxClockSkew((int) config.getClockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The person the token names, or why it is refused. */
    public Caller.Staff verify(String token) throws Rejected, Unreachable {
        JWTClaimsSet claims;
        try {
            // Cheap checks first: a foreign or unsigned token never makes us fetch keys.
            SignedJWT jwt = SignedJWT.parse(token);
            if (!ACCEPTED.contains(jwt.getHeader().getAlgorithm())) {
                throw new Rejected("it is not signed with RS256, PS256 or ES256");
            }
            if (!config.getIssuer().equals(jwt.getJWTClaimsSet().getIssuer())) {
                throw new Rejected("it was issued by another issuer");
            }
            claims = processor.process(jwt, null);
            if (!config.getAcceptedClients().contains(claims.getStringClaim("azp"))) {
                throw new Rejected("it was issued to another application");
            }
        } catch (ParseException e) {
            throw new Rejected("not a signed JWT with the expected claims");
        } catch (RateLimitReachedException e) {
            // An unknown key ID asked for the key set again too soon: the token is not signed by a current key.
            throw new Rejected("its signature does not verify with the identity provider's keys");
        } catch (BadJWTException e) {
            throw new Rejected(claimProblem(e.getMessage()));
        } catch (BadJOSEException e) {
            throw new Rejected("its signature does not verify with the identity provider's keys");
        } catch (KeySourceException e) {
            throw new Unreachable();
        } catch (JOSEException e) {
            throw new Rejected("its signature cannot be checked");
        }
        return new Caller.Staff(claims.getSubject(), displayName(claims), roles(claims));
    }

    /** Nimbus's messages name the failed check; the answer says which, in the API's words. */
    private static String claimProblem(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("expired")) {
            return "it has expired";
        }
        if (m.contains("iss")) {
            return "it was issued by another issuer";
        }
        if (m.contains("aud")) {
            return "it is meant for another audience";
        }
        if (m.contains("before")) {
            return "it is not valid yet";
        }
        return "a required claim is missing or wrong";
    }

    /**
     * "Name (username)": the name is what people recognise, but a person may be able to edit it at
     * the provider; the username is the provider's and stays, so the trail cannot be made to show
     * a colleague's name alone.
     */
    private static String displayName(JWTClaimsSet claims) {
        String name = text(claims.getClaim("name"));
        String username = text(claims.getClaim("preferred_username"));
        String shown = name != null && username != null && !name.equals(username) ? name + " (" + username + ")"
                : name != null ? name : username != null ? username : claims.getSubject();
        return shown.length() > 160 ? shown.substring(0, 160) : shown;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private Set<StaffRole> roles(JWTClaimsSet claims) {
        Object node = claims.getClaims();
        for (String part : config.getRolesClaim().split("\\.")) {
            node = node instanceof Map<?, ?> map ? map.get(part) : null;
        }
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        if (node instanceof List<?> values) {
            values.forEach(v -> StaffRole.fromClaim(v).ifPresent(roles::add));
        }
        return roles;
    }

    /**
     * The provider's key set, found through its discovery document the first time a token is
     * checked, so the service starts (and serves the channel) while the provider is still starting.
     */
    private List<JWK> keys(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSource<SecurityContext> source = keys;
        if (source == null) {
            synchronized (this) {
                if (keys == null) {
                    // Outage tolerant: while the provider is down, tokens signed with keys fetched before still verify.
                    keys = JWKSourceBuilder.create(jwksUrl(), discovery.retriever()).retrying(true)
                            .outageTolerant(Duration.ofHours(24).toMillis()).build();
                }
                source = keys;
            }
        }
        return source.get(selector, context);
    }

    private URL jwksUrl() throws KeySourceException {
        try {
            return URI.create(config.getJwksUri() != null ? config.getJwksUri() : discovery.endpoint("jwks_uri")).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new KeySourceException("the identity provider's keys cannot be found: " + e.getMessage(), e);
        }
    }

    /** The token is not accepted; the reason is safe to tell the caller. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The provider's keys could not be fetched (it is down or unreachable). */
    public static final class Unreachable extends Exception {
        public Unreachable() {
            super("the staff identity provider cannot be reached", null, false, false);
        }
    }

    static boolean looksLikeJwt(String credential) {
        return credential.startsWith("eyJ") && credential.chars().filter(c -> c == '.').count() == 2;
    }
}
