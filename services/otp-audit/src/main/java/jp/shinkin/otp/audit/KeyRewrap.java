package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
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
 * tombstone). So after each batch the tool follows the topic past its own writes: any record of a
 * re-wrapped token that landed between the one it read and its own write (a tombstone, a new key)
 * is written again after it, so it is the latest again. The topic's active segment is not compacted
 * (segment.ms 1 h), so those records are still there to be seen.
 */
public final class KeyRewrap {
    private static final int BATCH = 1000;

    public record Report(String newestKek, long liveKeys, long rewrapped, long alreadyCurrent, long shredsRestored,
                         long notCurrentAfter, long unreadable) {
        public boolean verified() {
            return notCurrentAfter == 0 && unreadable == 0;
        }
    }

    /** The latest record of a token's key: its offset, and the wrapped key (null: shredded). */
    private record Latest(long offset, Sealed wrapped) {
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
        try (LogReader log = new LogReader(settings, err); KafkaProducer<String, SpecificRecord> producer = producer(settings)) {
            List<TopicPartition> partitions = log.partitions(topic);
            Map<String, Latest> latest = new HashMap<>();
            log.readAll(partitions, "reading " + topic, r -> latest.put(r.key(), latestOf(r)));
            afterReading.run();

            List<String> toMove = new ArrayList<>();
            for (Map.Entry<String, Latest> e : latest.entrySet()) {
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
                    Map<String, Sealed> batch = new LinkedHashMap<>();
                    for (String tokenId : toMove.subList(from, Math.min(toMove.size(), from + BATCH))) {
                        try {
                            batch.put(tokenId, wrapping.rewrap(tokenId, latest.get(tokenId).wrapped()));
                        } catch (SecretUnavailableException e) {
                            unreadable++;
                            err.println("\ncannot re-wrap the key of token " + tokenId + ": " + e.getMessage());
                        }
                    }
                    rewrapped += batch.size();
                    restored += writeFollowing(log, partitions, producer, topic, wrapping, latest, batch);
                    progress.at(from + BATCH);
                }
            }
        }
        Report verified = verify(settings, err, wrapping);
        return new Report(wrapping.newestKekId(), verified.liveKeys(), rewrapped, current, restored, verified.notCurrentAfter(),
                unreadable + verified.unreadable());
    }

    /**
     * Writes one batch, then reads the topic up to past the batch: a record of a batch token that
     * landed after the one that was re-wrapped and before the re-wrapped write is written again
     * (re-wrapped when it is a key), so the latest record is what the platform last meant.
     * @return how many such records were written again
     */
    private static long writeFollowing(LogReader log, List<TopicPartition> partitions, KafkaProducer<String, SpecificRecord> producer,
                                       String topic, DataKeyWrapping wrapping, Map<String, Latest> latest,
                                       Map<String, Sealed> batch) {
        long again = 0;
        Map<String, Sealed> toWrite = batch;
        while (!toWrite.isEmpty()) {
            Map<String, Long> written = send(producer, topic, toWrite);
            Map<String, Latest> overtaken = new HashMap<>();
            log.readOnward(partitions, "following " + topic, r -> {
                Long ours = written.get(r.key());
                Latest before = latest.get(r.key());
                if (ours != null && r.offset() < ours && before != null && r.offset() > before.offset()) {
                    overtaken.put(r.key(), latestOf(r));
                }
                latest.put(r.key(), latestOf(r));
            });
            Map<String, Sealed> repairs = new LinkedHashMap<>();
            for (Map.Entry<String, Latest> e : overtaken.entrySet()) {
                Sealed wrapped = e.getValue().wrapped();
                repairs.put(e.getKey(), wrapped == null || wrapping.isCurrent(wrapped) ? wrapped : wrapping.rewrap(e.getKey(), wrapped));
            }
            again += repairs.size();
            toWrite = repairs;
        }
        return again;
    }

    /** Sends the records (null: a tombstone) and waits for every acknowledgement; their offsets by token. */
    private static Map<String, Long> send(KafkaProducer<String, SpecificRecord> producer, String topic, Map<String, Sealed> records) {
        Map<String, Future<RecordMetadata>> sent = new LinkedHashMap<>();
        records.forEach((tokenId, wrapped) -> sent.put(tokenId, producer.send(new ProducerRecord<>(topic, tokenId,
                wrapped == null ? null : new WrappedDataKey(tokenId, WireConversions.sealedBytes(wrapped))))));
        producer.flush();
        Map<String, Long> offsets = new HashMap<>();
        try {
            for (Map.Entry<String, Future<RecordMetadata>> e : sent.entrySet()) {
                offsets.put(e.getKey(), e.getValue().get().offset());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the re-wrapped keys (" + e.getCause().getMessage()
                    + "); run rewrap-keys again: it continues where it stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; run rewrap-keys again: it continues where it stopped", e);
        }
        return offsets;
    }

    /** Reads the topic again: every live key must be under the newest KEK and open under it. */
    public static Report verify(AuditSettings settings, PrintStream err, DataKeyWrapping wrapping) {
        Map<String, Sealed> live = new HashMap<>();
        try (LogReader log = new LogReader(settings, err)) {
            String topic = settings.topic(Topics.TOKEN_KEYS);
            log.readAll(log.partitions(topic), "verifying " + topic, r -> {
                if (r.value() == null) {
                    live.remove(r.key());
                } else {
                    live.put(r.key(), latestOf(r).wrapped());
                }
            });
        }
        long notCurrent = 0;
        long unreadable = 0;
        for (Map.Entry<String, Sealed> e : live.entrySet()) {
            if (!wrapping.isCurrent(e.getValue())) {
                notCurrent++;
                continue;
            }
            try {
                java.util.Arrays.fill(wrapping.unwrap(e.getKey(), e.getValue()), (byte) 0);
            } catch (SecretUnavailableException ex) {
                unreadable++;
            }
        }
        return new Report(wrapping.newestKekId(), live.size(), 0, 0, 0, notCurrent, unreadable);
    }

    private static Latest latestOf(ConsumerRecord<String, SpecificRecord> r) {
        Sealed wrapped = r.value() instanceof WrappedDataKey k ? WireConversions.sealed(k.getWrapped()) : null;
        return new Latest(r.offset(), wrapped);
    }

    private static KafkaProducer<String, SpecificRecord> producer(AuditSettings settings) {
        Map<String, Object> config = new HashMap<>();
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
