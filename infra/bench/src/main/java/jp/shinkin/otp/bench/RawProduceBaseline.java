package jp.shinkin.otp.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling: records of the same size as a verification command, produced with the service's
 * own settings (acks=all, idempotent, linger 0) to a 6-partition topic on the same broker, as fast
 * as the producer goes.
 */
final class RawProduceBaseline {
    private RawProduceBaseline() {
    }

    static final String TOPIC = "bench.raw-produce";

    /** Created before the run, so its partitions have leaders by the time it is measured. */
    static void prepare(BenchSettings s) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap()))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1)
                        .configs(Map.of("retention.ms", "600000")))).all().get(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC).partitions()
                    .stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(TOPIC + " has partitions without a leader");
                }
                Thread.sleep(100); // polling partition leadership, bounded by the deadline above
            }
        }
    }

    /**
     * The same records, but produced the way a verification needs them: each of {@code concurrency}
     * workers sends one and waits for its ack before the next (request-reply, no pipelining).
     */
    static double acknowledgedOneByOne(BenchSettings s, int recordBytes, int seconds, int concurrency) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        byte[] value = new byte[recordBytes];
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            CountDownLatch done = new CountDownLatch(concurrency);
            for (int w = 0; w < concurrency; w++) {
                sendThenNext(producer, value, w, end, acked, done);
            }
            done.await(seconds + 30L, TimeUnit.SECONDS);
            return acked.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void sendThenNext(KafkaProducer<String, byte[]> producer, byte[] value, int worker, long end, AtomicLong acked,
                                     CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        producer.send(new ProducerRecord<>(TOPIC, "contract-" + worker, value), (m, e) -> {
            if (e == null) {
                acked.incrementAndGet();
            }
            sendThenNext(producer, value, worker, end, acked, done);
        });
    }

    static double recordsPerSecond(BenchSettings s, int recordBytes, int seconds) throws Exception {
        String topic = TOPIC;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        byte[] value = new byte[recordBytes];
        new Random(1).nextBytes(value);
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            long sent = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic, "contract-" + (sent % 100_000), value), (m, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    }
                });
                sent++;
            }
            producer.flush();
            return acked.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

}
