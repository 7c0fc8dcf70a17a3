package jp.shinkin.otp.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit tools' scratch space: a real RocksDB, values sealed, the folder gone when closed. */
class SpillStoreTest {
    @TempDir
    Path parent;

    @Test
    void keepsValuesAndListsAPrefixInKeyOrder() {
        try (SpillStore store = new SpillStore(parent, "t")) {
            store.put("s:C-2", bytes("two"));
            store.put("s:C-1", bytes("one"));
            store.put("t:SKMT1", bytes("token"));
            store.put("s:C-3", bytes("three"));
            store.delete("s:C-3");
            assertThat(store.get("s:C-1")).isEqualTo(bytes("one"));
            assertThat(store.get("s:C-3")).isNull();
            List<String> seen = new ArrayList<>();
            store.forEach("s:", (key, value) -> seen.add(key + "=" + new String(value, StandardCharsets.UTF_8)));
            assertThat(seen).containsExactly("C-1=one", "C-2=two");
        }
    }

    @Test
    void whatItHoldsIsUnreadableOnDiskAndTheFolderGoesWhenClosed() throws IOException {
        byte[] secret = bytes("$argon2id$v=19$a-password-hash-from-the-log");
        Path folder;
        try (SpillStore store = new SpillStore(parent, "t")) {
            for (int i = 0; i < 2_000; i++) {
                store.put("s:C-" + i, secret);
            }
            assertThat(store.get("s:C-7")).isEqualTo(secret);
            try (Stream<Path> folders = Files.list(parent)) {
                folder = folders.filter(p -> p.getFileName().toString().startsWith("otp-audit-t-")).findFirst().orElseThrow();
            }
            assertThat(Files.getPosixFilePermissions(folder).toString()).as("owner only").doesNotContain("GROUP", "OTHERS");
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void sealedValuesAreNotInTheFilesInClear() throws IOException {
        byte[] secret = bytes("sealed-seed-bytes-0123456789abcdef");
        Random random = new Random(7);
        try (SpillStore store = new SpillStore(parent, "t")) {
            // More than the 32 MB write buffer, so RocksDB writes table files to search.
            for (int i = 0; i < 700; i++) {
                byte[] value = new byte[64 * 1024];
                random.nextBytes(value);
                System.arraycopy(secret, 0, value, 1000, secret.length);
                store.put("s:C-" + i, value);
            }
            assertThat(store.get("s:C-699")).containsSequence(secret);
            await().atMost(Duration.ofSeconds(30)).until(() -> tableFiles().size() > 0);
            for (Path file : tableFiles()) {
                // ISO-8859-1 maps each byte to one char: a plain substring search over the bytes.
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private List<Path> tableFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(parent)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".sst")).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
