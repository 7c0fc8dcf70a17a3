package jp.shinkin.otp.domain.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key-encryption key the platform can open with, the newest first. New data keys are wrapped
 * under the newest only; a data key names the KEK that wrapped it, so keys wrapped before a
 * rotation stay readable until the re-wrap has moved them and the old KEK is unloaded.
 */
public final class KekRing {
    private final KeyEncryptionKey newest;
    private final Map<String, KeyEncryptionKey> byId;

    private KekRing(List<KeyEncryptionKey> newestFirst) {
        if (newestFirst.isEmpty()) {
            throw new IllegalArgumentException("at least one key-encryption key");
        }
        this.newest = newestFirst.get(0);
        Map<String, KeyEncryptionKey> keys = new LinkedHashMap<>();
        for (KeyEncryptionKey kek : newestFirst) {
            if (keys.putIfAbsent(kek.id(), kek) != null) {
                throw new IllegalArgumentException("two key-encryption keys named " + kek.id());
            }
        }
        this.byId = Map.copyOf(keys);
    }

    public static KekRing of(KeyEncryptionKey newest, KeyEncryptionKey... older) {
        List<KeyEncryptionKey> all = new ArrayList<>();
        all.add(newest);
        all.addAll(List.of(older));
        return new KekRing(all);
    }

    /** @param keys key ID to raw 256-bit key, the newest first (as {@link NamedKeys} reads them) */
    public static KekRing of(Map<String, byte[]> keys) {
        return new KekRing(keys.entrySet().stream().map(e -> KeyEncryptionKey.fromBytes(e.getKey(), e.getValue())).toList());
    }

    public KeyEncryptionKey newest() {
        return newest;
    }

    public Optional<KeyEncryptionKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public String toString() {
        return "KekRing[newest=" + newest.id() + ", loaded=" + byId.keySet() + "]";
    }
}
