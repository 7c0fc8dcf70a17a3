package jp.shinkin.otp.domain.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a rotatable key set as configuration gives it: the newest key (ID and base64) and the
 * older ones still accepted, as {@code id:base64,id:base64}. Every key is 256-bit; IDs are short,
 * unique and safe to write beside the data they protect. Errors name the property, never a key.
 */
public final class NamedKeys {
    /** Not '@' (it joins a master ID and a period), ':' or ',' (the list syntax). */
    private static final String ID = "[A-Za-z0-9._-]{1,64}";

    private NamedKeys() {
    }

    /** Key ID to raw key, the newest first. */
    public static Map<String, byte[]> read(String property, String newestId, String newestBase64, String olderKeys) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (newestId == null || !newestId.matches(ID)) {
            throw new IllegalStateException(property + "-id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        keys.put(newestId, decode(newestBase64, property));
        for (String entry : olderKeys == null ? new String[0] : olderKeys.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!id.matches(ID) || keys.containsKey(id)) {
                throw new IllegalStateException("the previous keys of " + property
                        + ": each entry is <key id>:<base64 key>, IDs unique and different from the newest");
            }
            keys.put(id, decode(entry.substring(colon + 1), property + " (previous key " + id + ")"));
        }
        return Collections.unmodifiableMap(keys);
    }

    public static byte[] decode(String base64, String property) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(property + " is not set (base64 of 32 random bytes)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes, base64-encoded");
        }
        return bytes;
    }
}
