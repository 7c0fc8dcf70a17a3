package jp.shinkin.otp.credentials;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * When a decision's answer may leave the deciding JVM. The rule (DESIGN.md, invariant 3): an
 * answer is never contradicted by the committed log. Kafka Streams commits a decision (its
 * events, its state, its input offset) in one transaction some time after {@code process()}; an
 * owner that died in between would leave the command to be decided again by the next owner, and
 * that decision could differ. So {@link #onCommit(boolean)} holds every answer on the stream thread that
 * decided it and lets it go only once that thread's producer has committed the transaction
 * containing the decision — and abandons it (the caller answers "retry") if the transaction
 * aborts. Streams offers no commit callback, hence the producer of its own client supplier.
 */
public abstract sealed class AnswerGate {
    /** Answers at once: for the topology test driver, where no transaction can be observed. */
    public static AnswerGate immediate() {
        return new Immediate();
    }

    /**
     * Answers after the commit; Kafka Streams must be built with {@link #clientSupplier()}.
     *
     * @param commitEachDecision ask Streams to commit right after each decision (low latency; the
     *                           transaction then holds whatever the thread processed in that loop)
     *                           instead of waiting for {@code commit.interval.ms}
     */
    public static AnswerGate onCommit(boolean commitEachDecision) {
        return new OnCommit(commitEachDecision);
    }

    /** Whether the deciding processor should request a commit after each decision. */
    abstract boolean commitEachDecision();

    /** Called on the stream thread that decided. */
    abstract void hold(Runnable answer, Runnable abandon);

    /** The clients Kafka Streams must use for this gate to see commits. */
    public abstract KafkaClientSupplier clientSupplier();

    private static final class Immediate extends AnswerGate {
        @Override
        boolean commitEachDecision() {
            return false;
        }

        @Override
        void hold(Runnable answer, Runnable abandon) {
            answer.run();
        }

        @Override
        public KafkaClientSupplier clientSupplier() {
            return new Clients(null);
        }
    }

    static final class OnCommit extends AnswerGate {
        private final ThreadLocal<List<Held>> held = ThreadLocal.withInitial(ArrayList::new);
        private final boolean commitEachDecision;

        OnCommit(boolean commitEachDecision) {
            this.commitEachDecision = commitEachDecision;
        }

        @Override
        boolean commitEachDecision() {
            return commitEachDecision;
        }

        @Override
        void hold(Runnable answer, Runnable abandon) {
            held.get().add(new Held(answer, abandon));
        }

        /** The transaction holding every answer of this thread committed. */
        void committed() {
            drain(Held::answer);
        }

        /** It aborted, or its producer is gone: none of those decisions is in the log. */
        void aborted() {
            drain(Held::abandon);
        }

        private void drain(Function<Held, Runnable> which) {
            List<Held> mine = held.get();
            if (mine.isEmpty()) {
                return;
            }
            List<Held> out = new ArrayList<>(mine);
            mine.clear();
            for (Held h : out) {
                which.apply(h).run();
            }
        }

        /** An answer waiting for its transaction, and what to do if that transaction aborts. */
        private record Held(Runnable answer, Runnable abandon) {
        }

        @Override
        public KafkaClientSupplier clientSupplier() {
            return new Clients(this);
        }
    }

    /** Kafka Streams' default clients, except a producer that tells the gate about its transactions. */
    private record Clients(OnCommit gate) implements KafkaClientSupplier {
        @Override
        public Admin getAdmin(Map<String, Object> config) {
            return Admin.create(config);
        }

        @Override
        public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
            return gate == null ? new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())
                    : new CommitObservingProducer(config, gate);
        }

        @Override
        public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
            return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
            return getConsumer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
            return getConsumer(config);
        }
    }

    /** Under exactly-once v2 each stream thread has its own producer, used only on that thread. */
    static final class CommitObservingProducer extends KafkaProducer<byte[], byte[]> {
        private final OnCommit gate;

        CommitObservingProducer(Map<String, Object> config, OnCommit gate) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.gate = gate;
        }

        @Override
        public void commitTransaction() {
            try {
                super.commitTransaction();
            } catch (TimeoutException e) {
                throw e; // Streams retries the same transaction: its answers wait for that commit
            } catch (RuntimeException e) {
                gate.aborted();
                throw e;
            }
            gate.committed();
        }

        @Override
        public void abortTransaction() {
            try {
                super.abortTransaction();
            } finally {
                gate.aborted();
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                gate.aborted();
            }
        }

        @Override
        public void close(Duration timeout) {
            try {
                super.close(timeout);
            } finally {
                gate.aborted();
            }
        }
    }
}
