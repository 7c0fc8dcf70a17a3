package jp.shinkin.otp.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Where a replay starts or stops: a time (ISO-8601) or an offset. */
class ReplayPointTest {

    @Test
    void aTimeOrAnOffsetIsRead() {
        assertThat(Replay.Point.parse("2026-11-30T06:00:00Z")).isEqualTo(new Replay.Point(Instant.parse("2026-11-30T06:00:00Z"), null));
        assertThat(Replay.Point.parse("1234")).isEqualTo(new Replay.Point(null, 1234L));
        assertThatThrownBy(() -> Replay.Point.parse("yesterday")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRecordIsAfterAPointByItsTimestampOrItsOffset() {
        long t = Instant.parse("2026-11-30T06:00:00Z").toEpochMilli();
        ConsumerRecord<String, String> at = record(10, t);
        ConsumerRecord<String, String> later = record(11, t + 1);
        assertThat(Replay.Point.parse("2026-11-30T06:00:00Z").after(at)).isFalse();
        assertThat(Replay.Point.parse("2026-11-30T06:00:00Z").after(later)).isTrue();
        assertThat(Replay.Point.parse("10").after(at)).isFalse();
        assertThat(Replay.Point.parse("10").after(later)).isTrue();
    }

    private static ConsumerRecord<String, String> record(long offset, long timestamp) {
        return new ConsumerRecord<>("otp.events", 0, offset, timestamp, TimestampType.CREATE_TIME,
                0, 0, "C-1", "v", new RecordHeaders(), Optional.empty());
    }
}
