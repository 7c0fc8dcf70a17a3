package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.DataKeyWrapping;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code rewrap-keys}: every token's data key on {@code otp.token-keys} moved under the newest KEK,
 * the seeds never opened. Run it once every instance has the new KEK loaded (as the newest, the old
 * one in {@code OTP_PREVIOUS_KEKS}); afterwards the old KEK can be unloaded.
 *
 * <p>Resumable: keys already under the newest KEK are left alone, so a second run continues where
 * an interrupted one stopped. Verified: the topic is read again at the end, and every live key
 * must be under the newest KEK and open under it.
 *
 * <p>Crypto-shredding survives a re-wrap running beside live traffic. A token shredded between the
 * read and the re-wrapped key's write would otherwise get its key back (the write lands after the
 * tombstone). So after each batch the tool reads the topic past its own writes — waiting until
 * every transaction below them is resolved (read_committed stops at an open one) — and any record
 * of a re-wrapped token that landed between the one it read and its own write (a tombstone, a new
 * key) is written again after it, so it is the latest again. Each re-wrapped record names the
 * offset it re-wraps (header {@value #BASE_HEADER}): a run that stopped between a write and that
 * check is repaired by the next run, and {@code verify} counts any such record still on top. Those
 * records are still there to be seen as long as the segment is not compacted (segment.ms 1 h):
 * an interrupted run is to be run again within the hour.
 */
public final class KeyRewrap {
    private static final int BATCH = 1000;
    /** On every re-wrapped record: the offset of the record it re-wraps, so a later run can tell what landed between. */
    public static final String BASE_HEADER = "otp-rewrap-base";

    public record Report(String newestKek, long liveKeys, long rewrapped, long alreadyCurrent, long shredsRestored,
                         long notCurrentAfter, long unreadable) {
        public boolean verified() {
            return notCurrentAfter == 0 && unreadable == 0;
        }
    }

    /** A record of a token's key: its offset, and the wrapped key (null: shredded). */
    private record Latest(long offset, Sealed wrapped) {
    }

    /**
     * The latest record of every token, and the tokens whose latest record is a re-wrap that a
     * record landed before (between the record it re-wrapped and itself): that record must be the
     * latest again.
     */
    private static final class KeyLog {
        final Map<String, Latest> latest = new HashMap<>();
        final Map<String, Latest> overtaken = new HashMap<>();

        void add(ConsumerRecord<String, SpecificRecord> r) {
            Latest before = latest.get(r.key());
            Latest now = latestOf(r);
            Header base = r.headers().lastHeader(BASE_HEADER);
            if (base != null && before != null
                    && before.offset() != Long.parseLong(new String(base.value(), StandardCharsets.UTF_8))) {
                overtaken.put(r.key(), before);
            } else {
                overtaken.remove(r.key());
            }
            latest.put(r.key(), now);
        }
    }

    private KeyRewrap() {
    }

    public static Report run(AuditSettings settings, PrintStream err) {
        return run(settings, err, () -> { });
    }

    /** @param afterReading runs between the read and the first write (tests put a shred there) */
    public static Report run(AuditSettings settings, PrintStream err, Runnable afterReading) {
        KekRing keks = settings.keks().orElseThrow(() -> new IllegalArgumentException(
                "rewrap-keys needs the KEKs: the newest in OTP_KEK_ID / OTP_KEK_BASE64, the older ones in OTP_PREVIOUS_KEKS"));
        DataKeyWrapping wrapping = new DataKeyWrapping(keks, new SecureRandom());
        String topic = settings.topic(Topics.TOKEN_KEYS);
        long rewrapped = 0;
        long current = 0;
        long restored = 0;
        long unreadable = 0;
        try (LogReader<SpecificRecord> log = LogReader.records(settings, err); KafkaProducer<String, SpecificRecord> producer = producer(settings)) {
            List<TopicPartition> partitions = log.partitions(topic);
            KeyLog keys = new KeyLog();
            log.readAll(partitions, "reading " + topic, keys::add);
            // An earlier run stopped between its write and its check: put back what it overtook.
            restored += repair(log, partitions, producer, topic, wrapping, keys, new HashMap<>(keys.overtaken));
            afterReading.run();

            List<String> toMove = new ArrayList<>();
            for (Map.Entry<String, Latest> e : keys.latest.entrySet()) {
                if (e.getValue().wrapped() == null) {
                    continue;
                }
                if (wrapping.isCurrent(e.getValue().wrapped())) {
                    current++;
                } else {
                    toMove.add(e.getKey());
                }
            }
            try (Progress progress = new Progress(err, "re-wrapping under " + wrapping.newestKekId(), toMove.size())) {
                for (int from = 0; from < toMove.size(); from += BATCH) {
                    Map<String, Write> batch = new LinkedHashMap<>();
                    for (String tokenId : toMove.subList(from, Math.min(toMove.size(), from + BATCH))) {
                        Latest now = keys.latest.get(tokenId);
                        if (now.wrapped() == null || wrapping.isCurrent(now.wrapped())) {
                            continue; // shredded or re-issued since the read: nothing to move
                        }
                        try {
                            batch.put(tokenId, new Write(wrapping.rewrap(tokenId, now.wrapped()), now.offset()));
                        } catch (SecretUnavailableException e) {
                            unreadable++;
                            err.println("\ncannot re-wrap the key of token " + tokenId + ": " + e.getMessage());
                        }
                    }
                    rewrapped += batch.size();
                    restored += writeFollowing(log, partitions, producer, topic, wrapping, keys, batch);
                    progress.at(from + BATCH);
                }
            }
        }
        Report verified = verify(settings, err, wrapping);
        return new Report(wrapping.newestKekId(), verified.liveKeys(), rewrapped, current, restored, verified.notCurrentAfter(),
                unreadable + verified.unreadable());
    }

    /** A record to write: the wrapped key (null: a tombstone) and the offset of the latest record when it was decided. */
    private record Write(Sealed wrapped, long base) {
    }

    /**
     * Writes one batch, then reads the topic past it (every transaction below it resolved): a
     * record of a batch token that landed after the one that was re-wrapped and before the
     * re-wrapped write is written again (re-wrapped when it is a key), so the latest record is what
     * the platform last meant.
     * @return how many such records were written again
     */
    private static long writeFollowing(LogReader<SpecificRecord> log, List<TopicPartition> partitions, KafkaProducer<String, SpecificRecord> producer,
                                       String topic, DataKeyWrapping wrapping, KeyLog keys, Map<String, Write> batch) {
        long again = 0;
        Map<String, Write> toWrite = batch;
        while (!toWrite.isEmpty()) {
            Map<TopicPartition, Long> written = send(producer, topic, toWrite);
            log.readPast(partitions, written, "following " + topic, keys::add);
            Map<String, Latest> overtaken = new HashMap<>();
            toWrite.keySet().forEach(tokenId -> {
                Latest o = keys.overtaken.get(tokenId);
                if (o != null) {
                    overtaken.put(tokenId, o);
                }
            });
            toWrite = writes(wrapping, keys, overtaken);
            again += toWrite.size();
        }
        return again;
    }

    private static long repair(LogReader<SpecificRecord> log, List<TopicPartition> partitions, KafkaProducer<String, SpecificRecord> producer,
                               String topic, DataKeyWrapping wrapping, KeyLog keys, Map<String, Latest> overtaken) {
        if (overtaken.isEmpty()) {
            return 0;
        }
        Map<String, Write> writes = writes(wrapping, keys, overtaken);
        return writes.size() + writeFollowing(log, partitions, producer, topic, wrapping, keys, writes);
    }

    /**
     * The overtaken records to write again: tombstones as they are, keys re-wrapped (as they were
     * when that fails), each standing on the record now latest.
     */
    private static Map<String, Write> writes(DataKeyWrapping wrapping, KeyLog keys, Map<String, Latest> overtaken) {
        Map<String, Write> writes = new LinkedHashMap<>();
        overtaken.forEach((tokenId, o) -> {
            Sealed wrapped = o.wrapped();
            if (wrapped != null && !wrapping.isCurrent(wrapped)) {
                try {
                    wrapped = wrapping.rewrap(tokenId, wrapped);
                } catch (SecretUnavailableException e) {
                    // Under a KEK not given: written again as it was, so it is the latest; verify reports it.
                }
            }
            writes.put(tokenId, new Write(wrapped, keys.latest.get(tokenId).offset()));
        });
        return writes;
    }

    /** Sends the records and waits for every acknowledgement; the highest offset written per partition. */
    private static Map<TopicPartition, Long> send(KafkaProducer<String, SpecificRecord> producer, String topic,
                                                  Map<String, Write> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        records.forEach((tokenId, write) -> {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic, tokenId,
                    write.wrapped() == null ? null : new WrappedDataKey(tokenId, WireConversions.sealedBytes(write.wrapped())));
            record.headers().add(BASE_HEADER, Long.toString(write.base()).getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(record));
        });
        producer.flush();
        Map<TopicPartition, Long> highest = new HashMap<>();
        try {
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get();
                highest.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the re-wrapped keys (" + e.getCause().getMessage()
                    + "); run rewrap-keys again: it continues where it stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; run rewrap-keys again: it continues where it stopped", e);
        }
        return highest;
    }

    /**
     * Reads the topic again: every live key must be under the newest KEK and open under it, and no
     * re-wrap may stand over a record that landed before it (counted as not current).
     */
    public static Report verify(AuditSettings settings, PrintStream err, DataKeyWrapping wrapping) {
        KeyLog keys = new KeyLog();
        try (LogReader<SpecificRecord> log = LogReader.records(settings, err)) {
            String topic = settings.topic(Topics.TOKEN_KEYS);
            log.readAll(log.partitions(topic), "verifying " + topic, keys::add);
        }
        long live = 0;
        long notCurrent = keys.overtaken.size();
        long unreadable = 0;
        for (Map.Entry<String, Latest> e : keys.latest.entrySet()) {
            Sealed wrapped = e.getValue().wrapped();
            if (wrapped == null) {
                continue;
            }
            live++;
            if (!wrapping.isCurrent(wrapped)) {
                notCurrent++;
                continue;
            }
            try {
                Arrays.fill(wrapping.unwrap(e.getKey(), wrapped), (byte) 0);
            } catch (SecretUnavailableException ex) {
                unreadable++;
            }
        }
        return new Report(wrapping.newestKekId(), live, 0, 0, 0, notCurrent, unreadable);
    }

    private static Latest latestOf(ConsumerRecord<String, SpecificRecord> r) {
        Sealed wrapped = r.value() instanceof WrappedDataKey k ? WireConversions.sealed(k.getWrapped()) : null;
        return new Latest(r.offset(), wrapped);
    }

    private static KafkaProducer<String, SpecificRecord> producer(AuditSettings settings) {
        Map<String, Object> config = settings.kafkaClient();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "otp-audit-rewrap");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis());
        Serializer<SpecificRecord> wire = new AvroSerdes(RegistrySettings.forBaseUrl(settings.registryUrl()))
                .valueSerde(Topics.EVENTS).serializer();
        // A shred written again is a tombstone: null, with no schema lookup.
        Serializer<SpecificRecord> keysOrTombstones = (t, value) -> value == null ? null : wire.serialize(t, value);
        return new KafkaProducer<>(config, new StringSerializer(), keysOrTombstones);
    }
}
