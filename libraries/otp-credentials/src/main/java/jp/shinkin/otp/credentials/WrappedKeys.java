package jp.shinkin.otp.credentials;

import java.util.Optional;
import java.util.function.Function;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The wrapped data keys of a store folded from {@code otp.token-keys}, as the vault takes them. A key
 * the store lacks was shredded (a tombstone) or has not arrived yet.
 */
public final class WrappedKeys {
    private WrappedKeys() {
    }

    public static Function<String, Optional<Sealed>> in(ReadOnlyKeyValueStore<String, SpecificRecord> store) {
        return keyId -> Optional.ofNullable(store.get(keyId))
                .map(record -> WireConversions.sealed(((WrappedDataKey) record).getWrapped()));
    }
}
