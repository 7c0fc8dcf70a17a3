package jp.shinkin.otp.credentials;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a schema registry that cannot be reached instead of treating the record as
 * unreadable. An instance taking over partitions with a cold schema cache must decide the
 * commands it inherits exactly as their first owner would have; skipping them while the registry
 * is down would lose decisions (and let a used code be accepted again). So a lookup that fails
 * for want of the registry is tried again, every second, up to {@link #PATIENCE}; after that the
 * exception reaches Kafka Streams, the stream thread is replaced and starts again from the last
 * commit — the record is still not skipped. A record that is unreadable for any other reason
 * fails at once (and is set aside by {@link UnreadableRecords}).
 */
public final class RegistryOutage {
    /** Well under {@code max.poll.interval.ms} (5 min): the thread stays in its group while it waits. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutage.class);

    private RegistryOutage() {
    }

    public static <T> Serde<T> patient(Serde<T> serde) {
        Serializer<T> serializer = serde.serializer();
        Deserializer<T> deserializer = serde.deserializer();
        return Serdes.serdeFrom(new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return withPatience(topic, () -> serializer.serialize(topic, data));
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                return withPatience(topic, () -> serializer.serialize(topic, headers, data));
            }
        }, new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return withPatience(topic, () -> deserializer.deserialize(topic, data));
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                return withPatience(topic, () -> deserializer.deserialize(topic, headers, data));
            }
        });
    }

    /** True when {@code e} says the registry could not be reached or answered with a server error. */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            if ("com.microsoft.kiota.ApiException".equals(t.getClass().getName())) {
                int status = statusOf(t);
                return status == 0 || status >= 500;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static <R> R withPatience(String topic, Supplier<R> call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean told = false;
        while (true) {
            try {
                R result = call.get();
                if (told) {
                    LOG.warn("schema registry reachable again; going on with {}", topic);
                }
                return result;
            } catch (RuntimeException e) {
                if (!isOutage(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    LOG.warn("schema registry unreachable while reading or writing {} ({}): waiting for it, the record is not skipped",
                            topic, e.getClass().getSimpleName());
                    told = true;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static int statusOf(Throwable apiException) {
        try {
            return (int) apiException.getClass().getMethod("getResponseStatusCode").invoke(apiException);
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }
}
