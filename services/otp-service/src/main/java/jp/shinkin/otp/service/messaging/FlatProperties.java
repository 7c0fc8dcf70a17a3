package jp.shinkin.otp.service.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka property maps from application.yml: Micronaut binds {@code a.b.c: v} under a map property
 * as nested maps ({@code a → b → c → v}); Kafka wants the dotted keys back.
 */
public final class FlatProperties {
    private FlatProperties() {
    }

    public static Map<String, String> of(Map<?, ?> nested) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", nested, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> inner) {
                flatten(key, inner, into);
            } else if (v != null) {
                into.put(key, String.valueOf(v));
            }
        });
    }
}
