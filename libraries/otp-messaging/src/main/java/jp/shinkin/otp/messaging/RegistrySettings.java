package jp.shinkin.otp.messaging;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.strategy.TopicRecordIdStrategy;
import io.apicurio.registry.serde.config.SerdeConfig;

/**
 * The serde settings that make Apicurio's serde write the Confluent wire format: magic byte 0,
 * a 4-byte schema (content) ID, then Avro binary, with nothing in headers. Several record types
 * share a topic, so each type is its own artifact ({@code <topic>-<record full name>}).
 *
 * @param registryUrl the registry's core API, e.g. {@code http://localhost:8081/apis/registry/v3}
 */
public record RegistrySettings(URI registryUrl, boolean autoRegister) {
    public RegistrySettings {
        Objects.requireNonNull(registryUrl, "registryUrl");
    }

    /** From the registry's base address ({@code http://host:port}). */
    public static RegistrySettings forBaseUrl(String baseUrl) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new RegistrySettings(URI.create(trimmed + "/apis/registry/v3"), true);
    }

    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registryUrl.toString());
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(SerdeConfig.DEREFERENCE_SCHEMA, true);
        config.put(SerdeConfig.HTTP_ADAPTER, "JDK");
        config.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, TopicRecordIdStrategy.class.getName());
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, IdentityCachingDatumProvider.class.getName());
        config.put("apicurio.registry.headers.enabled", false);
        return config;
    }
}
