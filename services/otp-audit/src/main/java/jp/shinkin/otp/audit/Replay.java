package jp.shinkin.otp.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jp.shinkin.otp.credentials.EventView;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code replay --from <time|offset> [--to <time|offset>] [--contract ID] [--format jsonl|csv]}:
 * re-reads the event log from a point in time (offsets looked up by timestamp) or an offset, in
 * log order per partition, as JSON lines or CSV.
 */
public final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CSV_COLUMNS = List.of("partition", "offset", "occurredAt", "type", "contractId", "eventId",
            "actorType", "actorId", "fields");

    /** A point in the log: an instant (ISO-8601) or an offset. */
    public record Point(Instant time, Long offset) {
        public static Point parse(String text) {
            if (text.matches("[0-9]+")) {
                return new Point(null, Long.parseLong(text));
            }
            return new Point(Instant.parse(text), null);
        }

        boolean after(ConsumerRecord<?, ?> r) {
            return time != null ? r.timestamp() > time.toEpochMilli() : r.offset() > offset;
        }
    }

    private Replay() {
    }

    public static long run(AuditSettings settings, Point from, Point to, String contractId, String format, PrintStream out,
                    PrintStream err) {
        long[] written = {0};
        if ("csv".equals(format)) {
            out.println(String.join(",", CSV_COLUMNS));
        }
        try (LogReader<SpecificRecord> log = LogReader.records(settings, err)) {
            String topic = settings.topic(Topics.EVENTS);
            List<TopicPartition> partitions = contractId == null ? log.partitions(topic) : List.of(log.partitionOf(topic, contractId));
            Consumer<ConsumerRecord<String, SpecificRecord>> each = r -> {
                if (r.value() == null || (contractId != null && !contractId.equals(r.key())) || (to != null && to.after(r))) {
                    return;
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("partition", r.partition());
                line.put("offset", r.offset());
                line.putAll(EventView.of(r.value()));
                out.println("csv".equals(format) ? csv(line) : json(line));
                written[0]++;
            };
            if (from.time() != null) {
                log.readFrom(partitions, from.time(), "replaying " + topic, each);
            } else {
                log.readFromOffset(partitions, from.offset(), "replaying " + topic, each);
            }
        }
        out.flush();
        return written[0];
    }

    private static String json(Map<String, Object> line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String csv(Map<String, Object> line) {
        Map<String, Object> actor = (Map<String, Object>) line.getOrDefault("actor", Map.of());
        Map<String, Object> fields = new LinkedHashMap<>(line);
        List.of("partition", "offset", "occurredAt", "type", "contractId", "eventId", "actor", "correlationId", "causationId")
                .forEach(fields::remove);
        List<String> cells = new ArrayList<>();
        for (Object v : new Object[] {line.get("partition"), line.get("offset"), line.get("occurredAt"), line.get("type"),
                line.get("contractId"), line.get("eventId"), actor.get("type"), actor.get("id"), json(fields)}) {
            String s = v == null ? "" : v.toString();
            cells.add(s.matches("[^,\"\\n\\r]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"");
        }
        return String.join(",", cells);
    }
}
