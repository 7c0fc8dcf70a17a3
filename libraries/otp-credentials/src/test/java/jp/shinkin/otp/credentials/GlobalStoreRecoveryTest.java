package jp.shinkin.otp.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalStoreRecoveryTest {
    @TempDir
    Path app;

    @Test
    void globalStateLeftByACrashIsDeletedBeforeTheStart() throws Exception {
        Path store = Files.createDirectories(app.resolve("global/rocksdb/issued-tokens"));
        Files.writeString(store.resolve("000042.sst"), "table");

        assertThat(new GlobalStoreRecovery(app).beforeStart()).isTrue();
        assertThat(app.resolve("global")).doesNotExist();
    }

    @Test
    void globalStateOfAnOrderlyCloseIsKeptAndTheMarkerConsumed() throws Exception {
        Files.createDirectories(app.resolve("global/rocksdb/issued-tokens"));
        GlobalStoreRecovery recovery = new GlobalStoreRecovery(app);
        recovery.closedCleanly();

        assertThat(recovery.beforeStart()).isFalse();
        assertThat(app.resolve("global/rocksdb/issued-tokens")).isDirectory();
        // A crash during this run must be detected at the next start.
        assertThat(recovery.beforeStart()).isTrue();
    }

    @Test
    void aFirstStartHasNothingToRecover() {
        assertThat(new GlobalStoreRecovery(app.resolve("new-app")).beforeStart()).isFalse();
    }
}
