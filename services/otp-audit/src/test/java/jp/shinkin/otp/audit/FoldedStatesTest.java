package jp.shinkin.otp.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.domain.contract.ContractState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every contract's state while a log is folded: a few in memory, the rest on disk, none lost. */
class FoldedStatesTest {
    @TempDir
    Path parent;

    @Test
    void statesSpilledToDiskComeBackAndAreListedInContractOrder() {
        try (SpillStore disk = new SpillStore(parent, "f"); FoldedStates states = new FoldedStates(disk, 3)) {
            assertThat(states.get("C-9")).isEqualTo(ContractState.NONE);
            for (int i = 9; i >= 0; i--) {
                states.put("C-" + i, opened("hash-" + i));
            }
            // Only three stay in memory: C-9 was written to disk long ago and reads back the same.
            assertThat(states.get("C-9")).isEqualTo(opened("hash-9"));
            states.put("C-5", ContractEvolver.evolve(states.get("C-5"), new ContractEvent.LoginOtpSettingChanged(false)));
            Map<String, ContractState> all = new LinkedHashMap<>();
            states.forEachInOrder(all::put);
            assertThat(all.keySet()).containsExactly("C-0", "C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8", "C-9");
            assertThat(all.get("C-5").loginOtpRequired()).isFalse();
            assertThat(all.get("C-0").passwordHash()).isEqualTo("hash-0");
        }
    }

    private static ContractState opened(String hash) {
        return ContractEvolver.evolve(ContractState.NONE, new ContractEvent.ContractOpened(hash));
    }
}
