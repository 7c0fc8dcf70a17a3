package jp.shinkin.otp.domain.crypto;

import java.util.Optional;

/**
 * Where wrapped per-token data keys live (on the platform: a compacted topic keyed by token ID,
 * where {@link #destroy} writes a tombstone). Destroying a token's data key is what makes every
 * stored copy of its seed unreadable.
 */
public interface DataKeyStore {
    void put(String tokenId, Sealed wrappedDataKey);

    Optional<Sealed> find(String tokenId);

    void destroy(String tokenId);
}
