package jp.shinkin.otp.service.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bank's staff identity provider (OpenID Connect): whose access tokens the operations API
 * accepts, for which audience, and where the roles are in the token. The console signs in at the
 * same issuer as the public client {@code console-client-id} (authorization code + PKCE).
 */
@ConfigurationProperties("otp.staff-identity")
public class StaffIdentityConfiguration {
    @NotBlank
    private String issuer;
    @NotBlank
    private String audience = "otp-operations";
    @Nullable
    private String jwksUri;
    /** Where the service reads the discovery document when it cannot use the issuer's address (containers). */
    @Nullable
    private String discoveryUri;
    /** A dot path into the claims: Keycloak puts realm roles under realm_access.roles. */
    @NotBlank
    private String rolesClaim = "realm_access.roles";
    @NotBlank
    private String consoleClientId = "otp-console";
    /** The clients whose tokens are accepted (the token's {@code azp}): a token the provider issued to another application is not. */
    private List<String> acceptedClients = List.of("otp-console");
    /** Keys fetched over plain HTTP could be anyone's: only for a local provider (the dev profile sets it). */
    private boolean allowPlainHttp;
    private Duration clockSkew = Duration.ofSeconds(30);
    private Duration fetchTimeout = Duration.ofSeconds(3);

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        // The "iss" claim is compared exactly; a trailing slash in configuration is a common slip.
        this.issuer = issuer == null ? null : issuer.replaceAll("/+$", "");
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    @Nullable
    public String getJwksUri() {
        return jwksUri;
    }

    public void setJwksUri(@Nullable String jwksUri) {
        this.jwksUri = jwksUri == null || jwksUri.isBlank() ? null : jwksUri;
    }

    @Nullable
    public String getDiscoveryUri() {
        return discoveryUri;
    }

    public void setDiscoveryUri(@Nullable String discoveryUri) {
        this.discoveryUri = discoveryUri == null || discoveryUri.isBlank() ? null : discoveryUri;
    }

    public String getRolesClaim() {
        return rolesClaim;
    }

    public void setRolesClaim(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    public String getConsoleClientId() {
        return consoleClientId;
    }

    public void setConsoleClientId(String consoleClientId) {
        this.consoleClientId = consoleClientId;
    }

    public List<String> getAcceptedClients() {
        return acceptedClients;
    }

    public void setAcceptedClients(List<String> acceptedClients) {
        this.acceptedClients = List.copyOf(acceptedClients);
    }

    public boolean isAllowPlainHttp() {
        return allowPlainHttp;
    }

    public void setAllowPlainHttp(boolean allowPlainHttp) {
        this.allowPlainHttp = allowPlainHttp;
    }

    /** The issuer, discovery and key addresses are HTTPS, unless plain HTTP is allowed (checked by ProductionSafety). */
    public boolean isTransportSecure() {
        return allowPlainHttp || Stream.of(issuer, discoveryUri, jwksUri)
                .allMatch(u -> u == null || u.startsWith("https://"));
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    public Duration getFetchTimeout() {
        return fetchTimeout;
    }

    public void setFetchTimeout(Duration fetchTimeout) {
        this.fetchTimeout = fetchTimeout;
    }
}
