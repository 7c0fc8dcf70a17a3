package jp.shinkin.otp.service.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What health shows while stores restore: changelog offsets restored of the total, over the partitions under way. */
class RestoreProgressTest {
    private static final TopicPartition A = new TopicPartition("app-contracts-changelog", 0);
    private static final TopicPartition B = new TopicPartition("app-contracts-changelog", 1);

    @Test
    void countsTheRoundUnderWayAndForgetsItWhenEveryPartitionIsDone() {
        RestoreProgress progress = new RestoreProgress();
        assertThat(progress.current()).isEmpty();
        progress.onRestoreStart(A, "contracts", 100, 1_100);
        progress.onRestoreStart(B, "contracts", 0, 500);
        // A compacted changelog: 120 records up to offset 599 of A; progress is by offset.
        progress.onBatchRestored(A, "contracts", 599, 120);
        assertThat(progress.current()).contains(new RestoreProgress.Restoring(500, 1_500, 2));
        progress.onRestoreEnd(A, "contracts", 240);
        progress.onBatchRestored(B, "contracts", 199, 200);
        assertThat(progress.current()).contains(new RestoreProgress.Restoring(1_200, 1_500, 1));
        progress.onRestoreEnd(B, "contracts", 500);
        assertThat(progress.current()).isEmpty();

        // A later round (a rebalance brings another partition) starts from nothing.
        progress.onRestoreStart(A, "contracts", 1_100, 1_300);
        assertThat(progress.current()).contains(new RestoreProgress.Restoring(0, 200, 1));
    }

    @Test
    void aTaskThatMovesAwayMidRestoreIsNoLongerWaitedFor() {
        RestoreProgress progress = new RestoreProgress();
        progress.onRestoreStart(A, "contracts", 0, 1_000);
        progress.onBatchRestored(A, "contracts", 9, 10);
        progress.onRestoreSuspended(A, "contracts", 10);
        assertThat(progress.current()).isEmpty();
    }
}
