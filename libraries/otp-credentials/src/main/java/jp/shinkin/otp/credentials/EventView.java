package jp.shinkin.otp.credentials;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * An event as people read it (audit trail, replay, alerts): plain values, the metadata's members
 * at the top. Sealed values (seeds) and password hashes are in the log, since state is a fold of
 * it, but never in a view.
 */
public final class EventView {
    private static final Set<String> HIDDEN = Set.of("passwordHash");

    private EventView() {
    }

    /** {@code type} (the Avro record name), the metadata's members at the top, then the event's own fields. */
    public static Map<String, Object> of(IndexedRecord event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", event.getSchema().getName());
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            if ("metadata".equals(field.name()) && value instanceof IndexedRecord metadata) {
                view.putAll(plain(metadata));
            } else if (!isSealed(value) && !HIDDEN.contains(field.name())) {
                view.put(field.name(), plain(value));
            }
        }
        return view;
    }

    private static boolean isSealed(Object value) {
        return value instanceof IndexedRecord r && "SealedBytes".equals(r.getSchema().getName());
    }

    @SuppressWarnings("unchecked")
    private static <T> T plain(Object value) {
        if (value instanceof IndexedRecord r) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Schema.Field f : r.getSchema().getFields()) {
                Object v = r.get(f.pos());
                if (v != null && !isSealed(v)) {
                    map.put(f.name(), plain(v));
                }
            }
            return (T) map;
        }
        if (value instanceof Instant || value instanceof CharSequence || value instanceof GenericEnumSymbol<?>
                || value instanceof Enum<?>) {
            return (T) value.toString();
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(EventView::plain).toList();
        }
        return (T) value;
    }
}
