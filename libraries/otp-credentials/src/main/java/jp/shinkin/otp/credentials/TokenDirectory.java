package jp.shinkin.otp.credentials;

import java.util.Optional;
import jp.shinkin.otp.wire.TokenIssued;

/** The issued tokens, by token ID (on the platform: a global store over otp.tokens). */
@FunctionalInterface
public interface TokenDirectory {
    Optional<TokenIssued> find(String tokenId);
}
