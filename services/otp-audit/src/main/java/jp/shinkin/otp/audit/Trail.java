package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.shinkin.otp.credentials.EventView;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;

/** {@code trail <contractId>}: every event of one contract, in log order, one readable line each. */
public final class Trail {
    private static final Set<String> HEADER = Set.of("type", "eventId", "occurredAt", "correlationId",
            "causationId", "actor", "contractId");

    private Trail() {
    }

    public static List<Map<String, Object>> events(AuditSettings settings, String contractId, PrintStream err) {
        List<Map<String, Object>> events = new ArrayList<>();
        try (LogReader<SpecificRecord> log = LogReader.records(settings, err)) {
            String topic = settings.topic(Topics.EVENTS);
            log.readAll(List.of(log.partitionOf(topic, contractId)), "reading " + topic, r -> {
                if (contractId.equals(r.key()) && r.value() != null) {
                    events.add(EventView.of(r.value()));
                }
            });
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    public static String line(Map<String, Object> e) {
        Map<String, Object> actor = (Map<String, Object>) e.getOrDefault("actor", Map.of());
        String rest = e.entrySet().stream().filter(x -> !HEADER.contains(x.getKey()) && x.getValue() != null)
                .map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" "));
        // An operator is shown as the display name the token carried, then the stable subject.
        Object who = actor.get("name") == null ? actor.get("id") : actor.get("name") + " <" + actor.get("id") + ">";
        return String.format(Locale.ROOT, "%-24s  %-22s  %-8s %-16s  %s", e.get("occurredAt"), e.get("type"),
                actor.get("type"), who, rest);
    }
}
