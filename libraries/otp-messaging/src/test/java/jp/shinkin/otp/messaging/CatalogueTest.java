package jp.shinkin.otp.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.shinkin.otp.wire.state.FraudSightings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The catalogues of topics and stores: names once, serdes from the types. */
class CatalogueTest {
    /** Stands in for the registry's serde: the catalogue must hand it out for Avro values, untouched. */
    private final Serde<SpecificRecord> avro = Serdes.serdeFrom((topic, value) -> new byte[]{1}, (topic, bytes) -> null);

    @Test
    void topicAndStoreNamesAreUnique() {
        assertThat(Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet())).hasSameSizeAs(Topics.ALL);
        assertThat(StateStores.ALL.stream().map(Store::name).collect(Collectors.toSet())).hasSameSizeAs(StateStores.ALL);
    }

    @Test
    void aPrefixIsJoinedInFrontOfTheNameAndTheApplicationId() {
        assertThat(Topics.EVENTS.nameIn("t1.")).isEqualTo("t1.otp.events");
        assertThat(Topics.EVENTS.nameIn("")).isEqualTo("otp.events");
        assertThat(Topics.EVENTS.withPrefix("t1.").name()).isEqualTo("t1.otp.events");
        assertThat(Topics.applicationId("t1.", "otp-credentials")).isEqualTo("t1.otp-credentials");
    }

    @Test
    void anApplicationsIdAndChangelogsCarryThePrefix() {
        assertThat(StreamsApplication.FRAUD.idIn("t1.")).isEqualTo("t1.otp-fraud-analytics");
        assertThat(StreamsApplication.CREDENTIALS.changelogIn("", StateStores.CONTRACTS))
                .isEqualTo("otp-credentials-contract-state-changelog");
    }

    @Test
    void avroTopicsUseTheRegistrySerdeAndTheDeadLettersTheirBytes() {
        for (Topic<?, ?> topic : Topics.ALL) {
            assertThat(topic.keyType()).isEqualTo(String.class);
            assertThat(keyBytes(topic, "C-1")).isEqualTo("C-1".getBytes());
            if (topic == Topics.DEAD_LETTERS) {
                byte[] raw = {9, 8, 7};
                assertThat(Topics.DEAD_LETTERS.valueSerde(avro).serializer().serialize("x", raw)).isEqualTo(raw);
            } else {
                assertThat(topic.valueSerde(avro)).as(topic.name()).isSameAs(avro);
            }
        }
    }

    @Test
    void storesKeepAvroInTheirOwnEncodingExceptGlobalStoresWhichKeepTheirTopicsBytes() {
        for (Store<?, ?> store : StateStores.ALL) {
            if (store.source() != null) {
                assertThat(store.valueSerde(avro)).as(store.name()).isSameAs(avro);
                assertThat(Topics.ALL).contains(store.source());
            } else {
                assertThat(store.valueSerde(avro)).as(store.name()).isNotSameAs(avro);
            }
        }
        FraudSightings sightings = new FraudSightings(Map.of("C-1", 5L), null);
        byte[] bytes = StateStores.FRAUD_SOURCE_SIGHTINGS.valueSerde(avro).serializer().serialize("s", sightings);
        assertThat(bytes[0]).as("single-object encoding").isEqualTo((byte) 0xC3);
        assertThat(StateStores.FRAUD_SOURCE_SIGHTINGS.valueSerde(avro).deserializer().deserialize("s", bytes)).isEqualTo(sightings);
        assertThat(StateStores.NOTICES_SENT.valueSerde(avro).deserializer()
                .deserialize("s", StateStores.NOTICES_SENT.valueSerde(avro).serializer().serialize("s", 42L))).isEqualTo(42L);
    }

    @Test
    void theGlobalStoresAreTheTokenTopics() {
        Set<Topic<?, ?>> sources = StateStores.ALL.stream().filter(s -> s.source() != null).map(Store::source)
                .collect(Collectors.toSet());
        assertThat(sources).containsExactlyInAnyOrder(Topics.TOKENS, Topics.TOKEN_KEYS);
    }

    private static <K> byte[] keyBytes(Topic<K, ?> topic, String key) {
        return topic.keySerde().serializer().serialize(topic.name(), topic.keyType().cast(key));
    }
}
