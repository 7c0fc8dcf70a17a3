package jp.shinkin.otp.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Brings the global stores back after a crash. Kafka Streams 4.3, under exactly-once, refuses a
 * global RocksDB store that was left open (a kill -9 after its memtables reached the disk) and
 * stops its global thread for good instead of wiping the store (KAFKA-21034, still open
 * upstream), so an instance killed once never started again. The global stores are only copies
 * of compacted topics ({@code otp.tokens}, {@code otp.token-keys}); rebuilding them is always
 * safe. So: a marker is written after an orderly close; a start that finds global state without
 * that marker deletes the global folder before Kafka Streams opens it, and the stores are read
 * again from their topics. Task stores need none of this: Streams wipes and restores those itself.
 */
public final class GlobalStoreRecovery {
    static final String CLEAN_MARKER = ".otp-closed-cleanly";

    private final Path applicationDir;

    /** @param applicationDir {@code state.dir/application.id} */
    public GlobalStoreRecovery(Path applicationDir) {
        this.applicationDir = applicationDir;
    }

    /**
     * Before Kafka Streams starts: true if global state was left by an unclean stop and has been
     * deleted. The marker is consumed, so a crash during this run is detected at the next start.
     */
    public boolean beforeStart() {
        Path global = applicationDir.resolve("global");
        Path marker = applicationDir.resolve(CLEAN_MARKER);
        try {
            boolean unclean = Files.isDirectory(global) && !Files.exists(marker);
            if (unclean) {
                deleteRecursively(global);
            }
            Files.deleteIfExists(marker);
            return unclean;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the global state in " + global, e);
        }
    }

    /** After Kafka Streams closed within its timeout, every store flushed and marked closed. */
    public void closedCleanly() {
        try {
            Files.createDirectories(applicationDir);
            Files.writeString(applicationDir.resolve(CLEAN_MARKER), "closed cleanly\n");
        } catch (IOException e) {
            // Without the marker the next start rebuilds the global stores: slower, never wrong.
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
