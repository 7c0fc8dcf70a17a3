package jp.shinkin.otp.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import jp.shinkin.otp.credentials.EventMapper;
import jp.shinkin.otp.credentials.StateDigest;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code rebuild}: folds the whole event log into a fresh state per contract with the domain's
 * {@code evolve} alone (no topology, no store of the platform's), then compares each contract's
 * digest with the live stores', read a page at a time ({@code GET /v1/ops/state-digests}). Both
 * sides are walked in contract-ID order, so memory stays fixed however long the log is: the
 * folded states are on disk ({@link FoldedStates}), the live ones one page at a time.
 */
public final class Rebuild {
    /** Folded states kept in heap at once; the rest are on disk. */
    static final int CACHED_STATES = 50_000;

    private Rebuild() {
    }

    public enum Kind { DIFFERENT, ONLY_IN_LOG, ONLY_IN_STORES }

    public record Difference(String contractId, Kind kind, String logDigest, String storeDigest) {
    }

    public record Report(long contracts, long events, Duration foldTime, long differences) {
    }

    /** Folds every event of the log into {@code states}; returns how many events there were. */
    static long fold(AuditSettings settings, PrintStream err, FoldedStates states) {
        long[] events = {0};
        try (LogReader<SpecificRecord> log = LogReader.records(settings, err)) {
            String topic = settings.topic(Topics.EVENTS);
            log.readAll(log.partitions(topic), "folding " + topic, r -> {
                if (r.value() == null) {
                    return;
                }
                Optional<ContractEvent> event = EventMapper.toDomain(r.value());
                event.ifPresent(e -> states.put(r.key(), ContractEvolver.evolve(states.get(r.key()), e)));
                events[0]++;
            });
        }
        return events[0];
    }

    /** Folds the log and reports each difference with the live stores to {@code each} as it is found. */
    public static Report run(AuditSettings settings, PrintStream err, Consumer<Difference> each) throws IOException, InterruptedException {
        try (SpillStore disk = new SpillStore(settings.scratch(), "rebuild"); FoldedStates states = new FoldedStates(disk, CACHED_STATES)) {
            long start = System.nanoTime();
            long events = fold(settings, err, states);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LiveDigests live = new LiveDigests(settings);
            long[] contracts = {0};
            long[] differences = {0};
            Consumer<Difference> counted = d -> {
                differences[0]++;
                each.accept(d);
            };
            try (Progress progress = new Progress(err, "comparing with the live stores", 0)) {
                states.forEachInOrder((id, state) -> {
                    if (!state.opened()) {
                        return;
                    }
                    contracts[0] += onlyInStoresBefore(id, live, counted);
                    contracts[0]++;
                    String fromLog = StateDigest.of(state);
                    if (live.peek() != null && live.peek().getKey().equals(id)) {
                        String fromStores = live.next().getValue();
                        if (!fromLog.equals(fromStores)) {
                            counted.accept(new Difference(id, Kind.DIFFERENT, fromLog, fromStores));
                        }
                    } else {
                        counted.accept(new Difference(id, Kind.ONLY_IN_LOG, fromLog, null));
                    }
                    progress.at(contracts[0]);
                });
                contracts[0] += onlyInStoresBefore(null, live, counted);
            }
            return new Report(contracts[0], events, took, differences[0]);
        }
    }

    /**
     * Reports the live stores' contracts the log has none of, in key order, up to {@code id}
     * (exclusive; null: all that are left); returns how many.
     */
    private static long onlyInStoresBefore(String id, LiveDigests live, Consumer<Difference> counted) {
        long n = 0;
        while (live.peek() != null && (id == null || live.peek().getKey().compareTo(id) < 0)) {
            var only = live.next();
            n++;
            counted.accept(new Difference(only.getKey(), Kind.ONLY_IN_STORES, null, only.getValue()));
        }
        return n;
    }

    /** Only the fold, timed: how many events into how many contracts. */
    public static long[] foldOnly(AuditSettings settings, PrintStream err) {
        try (SpillStore disk = new SpillStore(settings.scratch(), "rebuild"); FoldedStates states = new FoldedStates(disk, CACHED_STATES)) {
            long events = fold(settings, err, states);
            long[] contracts = {0};
            states.forEachInOrder((id, state) -> contracts[0] += state.opened() ? 1 : 0);
            return new long[] {events, contracts[0]};
        }
    }
}
