package jp.shinkin.otp.service.tokens;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import jp.shinkin.otp.domain.token.TokenIdGenerator;
import jp.shinkin.otp.domain.token.TokenPlatform;

/** {@code otp.tokens}: the issuer name shown by authenticator apps and the token-ID prefixes. */
@ConfigurationProperties("otp.tokens")
public class TokenConfiguration {
    private String issuer = "ShinkinBank";
    private String mobilePrefix = TokenIdGenerator.DEFAULT_PREFIXES.get(TokenPlatform.MOBILE);
    private String desktopPrefix = TokenIdGenerator.DEFAULT_PREFIXES.get(TokenPlatform.DESKTOP);
    /** The AES key (base64, 16/24/32 bytes) shared with the bank's token vendor for encrypted PSKC files. */
    private String importKey;

    Optional<byte[]> importKey() {
        if (importKey == null || importKey.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(importKey.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("otp.tokens.import-key is not valid base64", e);
        }
    }

    public String getImportKey() {
        return importKey;
    }

    public void setImportKey(String importKey) {
        this.importKey = importKey;
    }

    Map<TokenPlatform, String> prefixes() {
        return Map.of(TokenPlatform.MOBILE, mobilePrefix, TokenPlatform.DESKTOP, desktopPrefix);
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getMobilePrefix() {
        return mobilePrefix;
    }

    public void setMobilePrefix(String mobilePrefix) {
        this.mobilePrefix = mobilePrefix;
    }

    public String getDesktopPrefix() {
        return desktopPrefix;
    }

    public void setDesktopPrefix(String desktopPrefix) {
        this.desktopPrefix = desktopPrefix;
    }
}
