package jp.shinkin.otp.credentials;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jp.shinkin.otp.messaging.RegistrySettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A registry in memory behind Apicurio's own client facade, so topology tests use the production
 * serde (same wire format, same artifact strategy) without a registry process.
 */
public final class InMemoryRegistry implements RegistryClientFacade {
    private final Map<Long, String> contentById = new ConcurrentHashMap<>();
    private final Map<String, Long> idByContent = new ConcurrentHashMap<>();
    private final Map<String, Long> latestByArtifact = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public static Serde<SpecificRecord> serde() {
        InMemoryRegistry registry = new InMemoryRegistry();
        Map<String, Object> config = RegistrySettings.forBaseUrl("http://in-memory").serdeConfig();
        AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>(registry);
        serializer.configure(config, false);
        AvroKafkaDeserializer<SpecificRecord> deserializer = new AvroKafkaDeserializer<>(registry);
        deserializer.configure(config, false);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    @Override
    public String getSchemaByContentId(Long contentId) {
        return contentById.get(contentId);
    }

    @Override
    public String getSchemaByGlobalId(long globalId, boolean dereference) {
        return contentById.get(globalId);
    }

    @Override
    public String getSchemaByGAV(String groupId, String artifactId, String version) {
        Long id = latestByArtifact.get(groupId + "/" + artifactId);
        return id == null ? null : contentById.get(id);
    }

    @Override
    public String getSchemaByContentHash(String contentHash) {
        return null;
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        return List.of();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        return List.of();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
        return List.of();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        return List.of();
    }

    @Override
    public List<RegistryVersionCoordinates> searchVersionsByContent(String content, String artifactType,
                                                                     ArtifactReference reference, boolean canonical) {
        Long id = idByContent.get(content);
        return id == null ? List.of()
                : List.of(RegistryVersionCoordinates.create(id, id, reference.getGroupId(), reference.getArtifactId(), "1"));
    }

    @Override
    public RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId, String version,
                                                   String ifExists, boolean canonical, String content,
                                                   Set<RegistryArtifactReference> references) {
        long id = idByContent.computeIfAbsent(content, c -> {
            long next = ids.incrementAndGet();
            contentById.put(next, c);
            return next;
        });
        latestByArtifact.put(groupId + "/" + artifactId, id);
        return RegistryVersionCoordinates.create(id, id, groupId, artifactId, "1");
    }

    @Override
    public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
        Long id = latestByArtifact.get(groupId + "/" + artifactId);
        return id == null ? null : RegistryVersionCoordinates.create(id, id, groupId, artifactId, "1");
    }

    @Override
    public Object getClient() {
        return null;
    }
}
