package jp.shinkin.otp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * No seed, code or password, and no personal data (the customer's e-mail address), can travel in
 * clear: such fields must be sealed (or a hash).
 */
class SecretFieldsTest {
    @Test
    void secretLookingFieldsAreSealedOrHashes() {
        List<String> offenders = new ArrayList<>();
        for (Schema schema : new SchemaFiles().current().values()) {
            if (schema.getType() != Schema.Type.RECORD) {
                continue;
            }
            for (Schema.Field field : schema.getFields()) {
                String name = field.name().toLowerCase(Locale.ROOT);
                boolean secretName = name.contains("address") || name.contains("mail") || name.contains("seed") || name.contains("secret") || name.contains("otp")
                        || name.contains("password") || name.contains("code") && !name.contains("result");
                boolean allowed = field.schema().getName().equals("TotpSpec") || name.endsWith("hash") || name.endsWith("matched") || name.equals("required")
                        || sealed(field.schema());
                if (secretName && !allowed && carriesText(field.schema())) {
                    offenders.add(schema.getName() + "." + field.name());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** Only text or bytes can hold a secret; flags and counters cannot. */
    private static boolean carriesText(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().anyMatch(SecretFieldsTest::carriesText);
        }
        return schema.getType() == Schema.Type.STRING || schema.getType() == Schema.Type.BYTES
                || schema.getType() == Schema.Type.RECORD;
    }

    private static boolean sealed(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().allMatch(s -> s.getType() == Schema.Type.NULL || sealed(s));
        }
        return schema.getType() == Schema.Type.RECORD && schema.getName().equals("SealedBytes");
    }
}
