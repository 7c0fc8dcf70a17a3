package jp.shinkin.otp.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/** Builds a filled-in instance of any generated record (every field set, optional ones too). */
final class SampleRecords {
    private SampleRecords() {
    }

    /**
     * Every generated top-level record of the contract (events, commands, token and fraud
     * records), discovered from the schema sources so a new schema is covered without editing here.
     */
    static List<Class<? extends SpecificRecordBase>> contractRecords() throws Exception {
        Path avro = Path.of(System.getProperty("schemas.dir", "../../schemas"), "src/main/avro");
        Pattern name = Pattern.compile("\"name\"\\s*:\\s*\"([A-Za-z]+)\"");
        Pattern namespace = Pattern.compile("\"namespace\"\\s*:\\s*\"([a-z.]+)\"");
        List<Class<? extends SpecificRecordBase>> out = new ArrayList<>();
        for (String folder : List.of("events", "commands", "tokens", "fraud")) {
            try (var files = Files.list(avro.resolve(folder))) {
                for (Path file : files.sorted().toList()) {
                    String json = Files.readString(file);
                    var n = name.matcher(json);
                    var ns = namespace.matcher(json);
                    if (!n.find() || !ns.find()) {
                        throw new IllegalStateException("cannot read " + file);
                    }
                    out.add(Class.forName(ns.group(1) + "." + n.group(1)).asSubclass(SpecificRecordBase.class));
                }
            }
        }
        return out;
    }

    static SpecificRecord sample(Class<? extends SpecificRecord> type) throws Exception {
        Schema schema = (Schema) type.getField("SCHEMA$").get(null);
        return (SpecificRecord) fill(schema, schema.getName());
    }

    private static Object fill(Schema schema, String name) {
        SpecificData model = SpecificData.getForSchema(schema);
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(1_763_800_000_000L + name.hashCode());
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), fill(field.schema(), field.name()));
                }
                yield record;
            }
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(schema.getEnumSymbols().size() - 1), schema);
            case UNION -> fill(schema.getTypes().get(schema.getTypes().size() - 1), name);
            case STRING -> "sample-" + name;
            case BYTES -> ByteBuffer.wrap(("bytes-" + name).getBytes(StandardCharsets.UTF_8));
            case INT -> name.length();
            case LONG -> 59_844_600L + name.length();
            case BOOLEAN -> true;
            case MAP -> Map.of("key", "value");
            default -> throw new IllegalArgumentException("no sample for " + schema.getType());
        };
    }
}
