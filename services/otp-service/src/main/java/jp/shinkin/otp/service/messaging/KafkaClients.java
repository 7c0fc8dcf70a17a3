package jp.shinkin.otp.service.messaging;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every Kafka client of the service starts from: the bootstrap servers and the security
 * settings ({@code otp.messaging.client.*}, e.g. {@code security.protocol=SASL_SSL}); empty
 * values are left out, so PLAINTEXT development needs none of them.
 */
@Singleton
public class KafkaClients {
    private final Map<String, Object> base;

    /**
     * @param checks passed before any Kafka client exists: a Streams start waits for the broker, and
     *               unsafe settings must be refused first, not after that wait. Unused on purpose: do
     *               not remove, taking them is what makes Micronaut create them first
     */
    public KafkaClients(@Value("${kafka.bootstrap.servers}") String bootstrap, MessagingConfiguration messaging,
                        List<StartupCheck> checks) {
        Map<String, Object> config = new HashMap<>();
        messaging.getClient().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                config.put(k, v);
            }
        });
        config.put("bootstrap.servers", bootstrap);
        this.base = Map.copyOf(config);
    }

    /** A fresh, mutable copy to add a client's own settings to. */
    public Map<String, Object> base() {
        return new HashMap<>(base);
    }

    /** Security settings are secrets (passwords, JAAS): never printed. */
    @Override
    public String toString() {
        return "KafkaClients[bootstrap=" + base.get("bootstrap.servers") + ", security.protocol="
                + base.getOrDefault("security.protocol", "PLAINTEXT") + "]";
    }
}
