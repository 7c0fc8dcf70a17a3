package jp.shinkin.otp.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.TokenStatus;
import jp.shinkin.otp.messaging.StoreSerde;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** State written by an earlier schema version stays readable after an upgrade. */
class StoreSerdeTest {

    @Test
    void everyRecordedVersionOfTheSnapshotShipsWithTheBuild() {
        assertThat(StoreSerde.recordedVersions(ContractSnapshot.getClassSchema().getFullName())).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aSnapshotWrittenWithVersion1IsReadByTodaysSerde() throws Exception {
        Schema v1 = StoreSerde.recordedVersions(ContractSnapshot.getClassSchema().getFullName()).get(0);
        assertThat(v1.getField("token").schema().getTypes().get(1).getField("suspensionReason")).isNull();

        Schema tokenV1 = v1.getField("token").schema().getTypes().get(1);
        GenericRecord sealed = new GenericData.Record(tokenV1.getField("sealedSeed").schema());
        sealed.put("keyId", "SKMT00000001");
        sealed.put("nonce", ByteBuffer.wrap(new byte[12]));
        sealed.put("ciphertext", ByteBuffer.wrap(new byte[36]));
        GenericRecord totp = new GenericData.Record(tokenV1.getField("totp").schema());
        totp.put("algorithm", new GenericData.EnumSymbol(tokenV1.getField("totp").schema().getField("algorithm").schema(), "SHA1"));
        totp.put("digits", 6);
        totp.put("periodSeconds", 30);
        GenericRecord token = new GenericData.Record(tokenV1);
        token.put("tokenId", "SKMT00000001");
        token.put("sealedSeed", sealed);
        token.put("totp", totp);
        token.put("status", new GenericData.EnumSymbol(tokenV1.getField("status").schema(), "SUSPENDED"));
        token.put("lastAcceptedStep", 7L);
        token.put("driftSteps", 0);
        token.put("registeredAt", Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        token.put("lastUsedAt", Instant.parse("2026-11-02T00:00:00Z").toEpochMilli());
        GenericRecord snapshot = new GenericData.Record(v1);
        for (Schema.Field f : v1.getFields()) {
            if (f.hasDefaultValue()) {
                snapshot.put(f.name(), GenericData.get().getDefaultValue(f));
            }
        }
        snapshot.put("opened", true);
        snapshot.put("passwordHash", "$argon2id$hash");
        snapshot.put("token", token);
        fillRequired(snapshot, v1);
        byte[] written = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(snapshot));

        // What the store's decoder did before it knew the earlier versions: refuse the record.
        var currentOnly = new BinaryMessageDecoder<ContractSnapshot>(
                SpecificData.getForClass(ContractSnapshot.class), ContractSnapshot.getClassSchema());
        Assertions.assertThatThrownBy(() -> currentOnly.decode(written))
                .isInstanceOf(MissingSchemaException.class);

        ContractSnapshot read = StoreSerde.of(ContractSnapshot.class).deserializer().deserialize("contract-state", written);
        ContractState state = SnapshotMapper.toState(read);
        assertThat(state.token()).hasValueSatisfying(t -> {
            assertThat(t.status()).isEqualTo(TokenStatus.SUSPENDED);
            assertThat(t.suspension()).isEqualTo(Optional.empty());
            // Suspended before the reason was kept: treated as missing (fail closed) until the bank resets.
            assertThat(t.reportedMissing()).isTrue();
        });
    }

    /** Fields without defaults that the test does not care about: their type's zero. */
    private static void fillRequired(GenericRecord record, Schema schema) {
        for (Schema.Field f : schema.getFields()) {
            if (record.get(f.name()) != null || f.hasDefaultValue()) {
                continue;
            }
            Schema t = f.schema();
            switch (t.getType()) {
                case BOOLEAN -> record.put(f.name(), false);
                case INT -> record.put(f.name(), 0);
                case LONG -> record.put(f.name(), 0L);
                case STRING -> record.put(f.name(), "");
                case ARRAY -> record.put(f.name(), new GenericData.Array<>(0, t));
                case MAP -> record.put(f.name(), new HashMap<>());
                default -> throw new IllegalStateException("no zero for " + f.name() + ": " + t);
            }
        }
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
