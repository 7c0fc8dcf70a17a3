package jp.shinkin.otp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/**
 * Schemas are the contract: every change must stay BACKWARD compatible (a consumer on the new
 * schema reads everything written with any earlier one), and every version is recorded under
 * {@code schemas/history/<full name>/vN.avsc}. After a deliberate, compatible change run
 * {@code mvn -pl schemas test -Dschemas.record=true} and commit the new version file.
 */
class SchemaEvolutionTest {
    private final SchemaFiles files = new SchemaFiles();
    private final boolean record = Boolean.getBoolean("schemas.record");

    @Test
    void everySchemaIsRecordedAndBackwardCompatibleWithAllItsVersions() {
        Map<String, Schema> current = files.current();
        assertThat(current).hasSizeGreaterThan(40);
        for (Map.Entry<String, Schema> entry : current.entrySet()) {
            String name = entry.getKey();
            Schema now = entry.getValue();
            List<Schema> versions = files.versions(name);
            for (Schema previous : versions) {
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(now, previous);
                assertThat(result.getType())
                        .as("%s must read data written with an earlier version: %s", name, result.getDescription())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
            boolean unchanged = !versions.isEmpty() && fingerprint(versions.get(versions.size() - 1)) == fingerprint(now);
            if (!unchanged && record) {
                files.record(name, now, versions.size() + 1);
            } else {
                assertThat(unchanged)
                        .as("%s changed (or is new) but its version is not recorded under schemas/history; "
                                + "run: mvn -pl schemas test -Dschemas.record=true", name)
                        .isTrue();
            }
        }
    }

    @Test
    void theCheckRejectsAnIncompatibleChange() {
        Schema old = files.current().get("jp.shinkin.otp.wire.TokenStopped");
        String json = old.toString().replace("\"name\":\"tokenId\",\"type\":\"string\"",
                "\"name\":\"tokenId\",\"type\":\"string\"},{\"name\":\"newRequiredField\",\"type\":\"string\"");
        Schema changed = new Schema.Parser().parse(json);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, old).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
