package jp.shinkin.otp.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import jp.shinkin.otp.credentials.EventMapper;
import jp.shinkin.otp.credentials.StateDigest;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.messaging.Topics;

/**
 * {@code rebuild}: folds the whole event log into a fresh state per contract with the domain's
 * {@code evolve} alone (no topology, no store), then compares each contract's digest with the
 * live stores' (gathered from every instance by {@code GET /v1/ops/state-digests}).
 */
public final class Rebuild {
    private Rebuild() {
    }

    public enum Kind { DIFFERENT, ONLY_IN_LOG, ONLY_IN_STORES }

    public record Difference(String contractId, Kind kind, String logDigest, String storeDigest) {
    }

    public record Report(int contracts, long events, Duration foldTime, List<Difference> differences) {
    }

    static Map<String, ContractState> fold(AuditSettings settings, PrintStream err, long[] eventCount) {
        Map<String, ContractState> states = new HashMap<>();
        try (LogReader log = new LogReader(settings, err)) {
            String topic = settings.topic(Topics.EVENTS);
            log.readAll(log.partitions(topic), "folding " + topic, r -> {
                if (r.value() == null) {
                    return;
                }
                Optional<ContractEvent> event = EventMapper.toDomain(r.value());
                event.ifPresent(e -> states.compute(r.key(),
                        (id, before) -> ContractEvolver.evolve(before == null ? ContractState.NONE : before, e)));
                eventCount[0]++;
            });
        }
        return states;
    }

    public static Report run(AuditSettings settings, PrintStream err) throws IOException, InterruptedException {
        long[] events = {0};
        long start = System.nanoTime();
        Map<String, ContractState> folded = fold(settings, err, events);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, String> live = liveDigests(settings);
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(live.keySet());
        folded.forEach((id, state) -> {
            if (state.opened()) {
                all.add(id);
            }
        });
        for (String id : all) {
            String fromLog = Optional.ofNullable(folded.get(id)).filter(ContractState::opened).map(StateDigest::of).orElse(null);
            String fromStores = live.get(id);
            if (fromLog == null) {
                differences.add(new Difference(id, Kind.ONLY_IN_STORES, null, fromStores));
            } else if (fromStores == null) {
                differences.add(new Difference(id, Kind.ONLY_IN_LOG, fromLog, null));
            } else if (!fromLog.equals(fromStores)) {
                differences.add(new Difference(id, Kind.DIFFERENT, fromLog, fromStores));
            }
        }
        return new Report(all.size(), events[0], took, differences);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> liveDigests(AuditSettings settings) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(settings.serviceUrl().replaceAll("/+$", "") + "/v1/ops/state-digests"))
                .header("Authorization", "Bearer " + settings.operationsKey()).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("the platform did not give the live digests: HTTP " + answer.statusCode() + " " + answer.body());
        }
        return (Map<String, String>) new ObjectMapper().readValue(answer.body(), Map.class).get("contracts");
    }
}
