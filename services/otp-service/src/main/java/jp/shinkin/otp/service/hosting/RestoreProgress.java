package jp.shinkin.otp.service.hosting;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How far the credential topology's stores are restored from their changelogs (and the global
 * stores from their topics): what health shows while an instance on an empty or stale state folder
 * catches up, so "restoring, n of m" is told apart from "broken" and a supervisor waits instead of
 * restarting it. Progress is counted in changelog offsets (a compacted changelog has gaps: fewer
 * records than offsets), so it reaches the total exactly when the restore is done. Restorations in
 * progress are counted; a finished round is forgotten.
 */
public final class RestoreProgress implements StateRestoreListener {
    /** Each changelog partition of the round under way. */
    private final Map<TopicPartition, Restore> round = new HashMap<>();

    /** @param restored changelog offsets restored so far of {@code total} in the restorations under way */
    public record Restoring(long restored, long total, int partitions) {
    }

    private static final class Restore {
        final long start;
        final long total;
        long restored;
        boolean done;

        Restore(long start, long end) {
            this.start = start;
            this.total = Math.max(0, end - start);
        }
    }

    @Override
    public synchronized void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        if (underWay() == 0) {
            round.clear();
        }
        round.put(partition, new Restore(startingOffset, endingOffset));
    }

    @Override
    public synchronized void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        Restore restore = round.get(partition);
        if (restore != null) {
            restore.restored = Math.max(restore.restored, batchEndOffset + 1 - restore.start);
        }
    }

    @Override
    public synchronized void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        finish(partition);
    }

    @Override
    public synchronized void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        // The task moved to another instance before it was restored here.
        finish(partition);
    }

    private void finish(TopicPartition partition) {
        Restore restore = round.get(partition);
        if (restore != null) {
            restore.done = true;
            restore.restored = Math.max(restore.restored, restore.total);
        }
    }

    private int underWay() {
        return (int) round.values().stream().filter(r -> !r.done).count();
    }

    /** The restorations under way, if any. */
    public synchronized Optional<Restoring> current() {
        int underWay = underWay();
        if (underWay == 0) {
            return Optional.empty();
        }
        long restored = 0;
        long total = 0;
        for (Restore r : round.values()) {
            restored += Math.min(r.restored, r.total);
            total += r.total;
        }
        return Optional.of(new Restoring(restored, total, underWay));
    }
}
