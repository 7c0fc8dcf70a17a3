package jp.shinkin.otp.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import jp.shinkin.otp.credentials.SnapshotMapper;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.messaging.StoreSerde;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import org.apache.kafka.common.serialization.Serde;

/**
 * Every contract's state as folded so far: on disk in the platform's own store encoding, with the
 * most recently touched ones in a bounded heap cache (written back when pushed out), so a fold of
 * any length runs in a fixed heap.
 */
final class FoldedStates implements AutoCloseable {
    private static final String PREFIX = "s:";
    private static final Serde<ContractSnapshot> ENCODING = StoreSerde.of(ContractSnapshot.class);

    private final SpillStore disk;
    private final Map<String, ContractState> recent;

    FoldedStates(SpillStore disk, int cached) {
        this.disk = disk;
        this.recent = new LinkedHashMap<>(cached * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ContractState> eldest) {
                if (size() > cached) {
                    write(eldest.getKey(), eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** The contract's state so far; {@link ContractState#NONE} before its first event. */
    ContractState get(String contractId) {
        ContractState state = recent.get(contractId);
        if (state == null) {
            byte[] bytes = disk.get(PREFIX + contractId);
            state = bytes == null ? ContractState.NONE : SnapshotMapper.toState(ENCODING.deserializer().deserialize("", bytes));
        }
        return state;
    }

    void put(String contractId, ContractState state) {
        recent.put(contractId, state);
    }

    /** Every contract's final state, in contract-ID order. */
    void forEachInOrder(BiConsumer<String, ContractState> each) {
        recent.forEach(this::write);
        recent.clear();
        disk.forEach(PREFIX, (id, bytes) -> each.accept(id, SnapshotMapper.toState(ENCODING.deserializer().deserialize("", bytes))));
    }

    private void write(String contractId, ContractState state) {
        disk.put(PREFIX + contractId, ENCODING.serializer().serialize("", SnapshotMapper.toSnapshot(state)));
    }

    @Override
    public void close() {
        recent.clear();
    }
}
