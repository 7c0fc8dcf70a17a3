package jp.shinkin.otp.service.credentials;

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
    /** Offsets restored and to restore, and whether done, per changelog partition of the round under way. */
    private final Map<TopicPartition, long[]> round = new HashMap<>();
    private int underWay;

    /** @param restored changelog offsets restored so far of {@code total} in the restorations under way */
    public record Restoring(long restored, long total, int partitions) {
    }

    @Override
    public synchronized void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        if (underWay == 0) {
            round.clear();
        }
        long[] previous = round.put(partition, new long[] {0, Math.max(0, endingOffset - startingOffset), 0, startingOffset});
        if (previous == null || previous[2] == 1) {
            underWay++;
        }
    }

    @Override
    public synchronized void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        long[] counts = round.get(partition);
        if (counts != null) {
            counts[0] = Math.max(counts[0], batchEndOffset + 1 - counts[3]);
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
        long[] counts = round.get(partition);
        if (counts != null && counts[2] == 0) {
            counts[2] = 1;
            counts[0] = Math.max(counts[0], counts[1]);
            underWay--;
        }
    }

    /** The restorations under way, if any. */
    public synchronized Optional<Restoring> current() {
        if (underWay == 0) {
            return Optional.empty();
        }
        long restored = 0;
        long total = 0;
        for (long[] counts : round.values()) {
            restored += Math.min(counts[0], counts[1]);
            total += counts[1];
        }
        return Optional.of(new Restoring(restored, total, underWay));
    }
}
