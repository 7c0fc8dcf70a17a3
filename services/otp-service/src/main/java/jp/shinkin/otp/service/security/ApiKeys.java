package jp.shinkin.otp.service.security;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a presented API key to its caller (the channel, or the service job it names), comparing
 * SHA-256 digests in constant time. A configured key may be its digest instead ({@code sha256:<hex>},
 * from {@code printf %s "$KEY" | sha256sum}): then the service never holds the key itself.
 */
@Singleton
public class ApiKeys {
    private final byte[] channel;
    private final byte[] operations;
    private final Caller.ServiceJob job;

    public ApiKeys(ApiKeyConfiguration configuration) {
        this.channel = configured(configuration.getChannel(), "otp.api-keys.channel");
        this.operations = configured(configuration.getOperations(), "otp.api-keys.operations");
        if (MessageDigest.isEqual(channel, operations)) {
            throw new IllegalStateException("the channel and operations API keys must differ");
        }
        this.job = new Caller.ServiceJob(configuration.getOperationsJob());
    }

    public Optional<Caller> callerOf(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 256) {
            return Optional.empty();
        }
        byte[] candidate = digest(presented);
        // Both comparisons always run, so timing does not tell which key (if any) is near.
        boolean isChannel = MessageDigest.isEqual(candidate, channel);
        boolean isOperations = MessageDigest.isEqual(candidate, operations);
        if (isChannel) {
            return Optional.of(new Caller.Channel());
        }
        return isOperations ? Optional.of(job) : Optional.empty();
    }

    /** Whether a configured key is given as its digest, not in clear. */
    public static boolean isDigest(String configured) {
        return configured != null && configured.strip().matches("sha256:[0-9a-fA-F]{64}");
    }

    private static byte[] configured(String value, String name) {
        String v = value.strip();
        if (v.startsWith("sha256:")) {
            if (!isDigest(v)) {
                throw new IllegalStateException(name + ": sha256: must be followed by 64 hex digits");
            }
            return HexFormat.of().parseHex(v.substring("sha256:".length()).toLowerCase(Locale.ROOT));
        }
        return digest(v);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
