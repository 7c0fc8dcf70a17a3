package jp.shinkin.otp.service.security;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Resolves a presented key to its role, comparing in constant time. */
@Singleton
public class ApiKeys {
    private final byte[] channel;
    private final byte[] operations;

    public ApiKeys(ApiKeyConfiguration configuration) {
        if (configuration.getChannel().equals(configuration.getOperations())) {
            throw new IllegalStateException("the channel and operations API keys must differ");
        }
        this.channel = digest(configuration.getChannel());
        this.operations = digest(configuration.getOperations());
    }

    public Optional<Role> roleOf(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 256) {
            return Optional.empty();
        }
        byte[] candidate = digest(presented);
        // Both comparisons always run, so timing does not tell which key (if any) is near.
        boolean isChannel = MessageDigest.isEqual(candidate, channel);
        boolean isOperations = MessageDigest.isEqual(candidate, operations);
        if (isChannel) {
            return Optional.of(Role.CHANNEL);
        }
        return isOperations ? Optional.of(Role.OPERATIONS) : Optional.empty();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
