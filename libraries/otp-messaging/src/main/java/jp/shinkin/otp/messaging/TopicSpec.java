package jp.shinkin.otp.messaging;

import java.util.Map;

/**
 * How a topic is created: explicit partitions and the retention/compaction settings that make
 * its guarantees (audit kept, keys shreddable) hold.
 */
public record TopicSpec(int partitions, Map<String, String> configs) {
    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        configs = Map.copyOf(configs);
    }
}
