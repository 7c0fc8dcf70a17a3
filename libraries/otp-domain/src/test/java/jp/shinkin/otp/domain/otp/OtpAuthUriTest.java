package jp.shinkin.otp.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OtpAuthUriTest {
    private static final byte[] SECRET = Base32.decode("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

    @Test
    void buildsWhatAuthenticatorAppsScan() {
        OtpAuthUri uri = new OtpAuthUri("Shinkin Bank", "SKMT01234567", SECRET, TotpParameters.DEFAULT);
        assertThat(uri.toUriString()).isEqualTo("otpauth://totp/Shinkin%20Bank:SKMT01234567"
                + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Shinkin%20Bank&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void parsesWhatItBuilds() {
        OtpAuthUri uri = new OtpAuthUri("信金バンク", "SKDT00000001", SECRET, new TotpParameters(HmacAlgorithm.SHA256, 8, 60));
        assertThat(OtpAuthUri.parse(uri.toUriString())).isEqualTo(uri);
    }

    @Test
    void parsesTheKeyUriFormatExampleWithDefaults() {
        OtpAuthUri uri = OtpAuthUri.parse("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");
        assertThat(uri.issuer()).isEqualTo("Example");
        assertThat(uri.account()).isEqualTo("alice@google.com");
        assertThat(uri.secret()).isEqualTo(Base32.decode("JBSWY3DPEHPK3PXP"));
        assertThat(uri.parameters()).isEqualTo(TotpParameters.DEFAULT);
    }

    @Test
    void takesTheIssuerFromTheLabelWhenTheParameterIsMissing() {
        OtpAuthUri uri = OtpAuthUri.parse("otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&algorithm=sha512&digits=8&period=60");
        assertThat(uri.issuer()).isEqualTo("ACME Co");
        assertThat(uri.account()).isEqualTo("john.doe@email.com");
        assertThat(uri.parameters()).isEqualTo(new TotpParameters(HmacAlgorithm.SHA512, 8, 60));
    }

    @Test
    void neverPrintsTheSecret() {
        OtpAuthUri uri = new OtpAuthUri("Bank", "acct", SECRET, TotpParameters.DEFAULT);
        assertThat(uri.toString()).doesNotContain(Base32.encode(SECRET)).contains("redacted");
    }

    @Test
    void rejectsOtherUris() {
        assertThatThrownBy(() -> OtpAuthUri.parse("otpauth://hotp/Bank:acct?secret=JBSWY3DPEHPK3PXP&counter=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.parse("https://example.com/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.parse("otpauth://totp/Bank:acct?issuer=Bank"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.parse("otpauth://totp/Bank:acct?secret=JBSWY3DPEHPK3PXP&algorithm=MD5"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
