package jp.shinkin.otp.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import jp.shinkin.otp.wire.state.ContractWatch;
import jp.shinkin.otp.wire.state.FraudSightings;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The stores' encoding: Avro single-object records, readable without the registry. */
class StoreSerdeTest {
    private final Serde<FraudSightings> serde = StoreSerde.of(FraudSightings.class);

    @Test
    void aRecordRoundTripsWithItsSchemaFingerprintUpFront() {
        FraudSightings sightings = new FraudSightings(Map.of("C-1", 1_700_000_000_000L), 1_700_000_060_000L);
        byte[] bytes = serde.serializer().serialize("store", sightings);
        // Single-object encoding: the marker C3 01, then the 8-byte fingerprint of the writer's schema.
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = SchemaNormalization.parsingFingerprint64(FraudSightings.getClassSchema());
        for (int i = 0; i < 8; i++) {
            assertThat(bytes[2 + i]).isEqualTo((byte) (fingerprint >>> (8 * i)));
        }
        assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(sightings);
    }

    @Test
    void aTombstoneStaysATombstone() {
        assertThat(serde.serializer().serialize("store", null)).isNull();
        assertThat(serde.deserializer().deserialize("store", null)).isNull();
    }

    @Test
    void bytesOfAnotherFormatOrAnotherRecordAreRefusedNotMisread() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("store", "C-1=1700000000000;!alert=1".getBytes()))
                .isInstanceOf(RuntimeException.class);
        byte[] watch = StoreSerde.of(ContractWatch.class).serializer().serialize("store",
                new ContractWatch("TRANSFER_AFTER_TOKEN_RESET", 1L, null));
        assertThatThrownBy(() -> serde.deserializer().deserialize("store", watch)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void everyRecordedVersionOfAStateRecordShipsInTheSchemasJar() {
        assertThat(StoreSerde.recordedVersions(FraudSightings.getClassSchema().getFullName())).hasSize(1);
        assertThat(StoreSerde.recordedVersions(ContractSnapshot.getClassSchema().getFullName())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(StoreSerde.recordedVersions("jp.shinkin.otp.wire.state.NoSuchRecord")).isEmpty();
    }
}
