package jp.shinkin.otp.domain.crypto;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link DataKeyStore} for tests and tools that fold the key topic themselves. */
public final class InMemoryDataKeyStore implements DataKeyStore {
    private final ConcurrentMap<String, Sealed> keys = new ConcurrentHashMap<>();

    @Override
    public void put(String tokenId, Sealed wrappedDataKey) {
        keys.put(tokenId, wrappedDataKey);
    }

    @Override
    public Optional<Sealed> find(String tokenId) {
        return Optional.ofNullable(keys.get(tokenId));
    }

    @Override
    public void destroy(String tokenId) {
        keys.remove(tokenId);
    }
}
