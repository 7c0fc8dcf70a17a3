package jp.shinkin.otp.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.testkit.StaffIdentityProvider;
import org.junit.jupiter.api.Test;

/** The token check on its own, against the test OIDC provider over HTTP (no broker, no service). */
class StaffTokensTest {
    private final StaffIdentityProvider idp = StaffIdentityProvider.shared();

    private static StaffTokens trusting(String issuer) {
        StaffIdentityConfiguration config = new StaffIdentityConfiguration();
        config.setIssuer(issuer + "/");
        return new StaffTokens(config, new StaffDiscovery(config));
    }

    @Test
    void aGoodTokenNamesItsPersonAndRoles() throws Exception {
        Caller.Staff staff = trusting(idp.issuer()).verify(idp.token("sub-1", "Sato Hanako", "operator", "auditor", "admin"));
        assertThat(staff.subject()).isEqualTo("sub-1");
        assertThat(staff.displayName()).as("the name, then the username the person cannot change").isEqualTo("Sato Hanako (sub-1)");
        assertThat(staff.roles()).containsExactlyInAnyOrder(StaffRole.OPERATOR, StaffRole.AUDITOR);
    }

    @Test
    void aProviderThatCannotBeReachedIsNotARejection() {
        String dead = "http://localhost:" + Ports.anyFree() + "/realms/gone";
        String token = idp.token("gone", "sub-2", "X", StaffIdentityProvider.AUDIENCE, 300, "operator");
        // Same issuer claim as the dead provider, so the check gets as far as fetching its keys.
        StaffIdentityConfiguration config = new StaffIdentityConfiguration();
        config.setIssuer(idp.issuer("gone"));
        config.setDiscoveryUri(dead + "/.well-known/openid-configuration");
        assertThatThrownBy(() -> new StaffTokens(config, new StaffDiscovery(config)).verify(token))
                .isInstanceOf(StaffTokens.Unreachable.class);
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsNotTrusted() {
        StaffIdentityConfiguration config = new StaffIdentityConfiguration();
        config.setIssuer(idp.issuer());
        config.setDiscoveryUri(idp.issuer("elsewhere") + "/.well-known/openid-configuration");
        assertThatThrownBy(() -> new StaffDiscovery(config).metadata()).hasMessageContaining("another issuer");
    }
}
