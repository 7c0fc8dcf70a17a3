package jp.shinkin.otp.credentials;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.messaging.StoreSerde;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A contract state's fingerprint: SHA-256 of its store record's canonical Avro encoding. The live
 * store and a fold of the event log agree exactly when their digests do.
 */
public final class StateDigest {
    private static final Serializer<ContractSnapshot> ENCODING = StoreSerde.of(ContractSnapshot.class).serializer();

    private StateDigest() {
    }

    public static String of(ContractState state) {
        return of(SnapshotMapper.toSnapshot(state));
    }

    public static String of(ContractSnapshot snapshot) {
        try {
            // Through the domain state and back, so both sides are in one normal form.
            ContractSnapshot normal = SnapshotMapper.toSnapshot(SnapshotMapper.toState(snapshot));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ENCODING.serialize("", normal)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
