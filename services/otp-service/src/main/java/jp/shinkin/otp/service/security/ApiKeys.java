package jp.shinkin.otp.service.security;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Resolves a presented API key to its caller (the channel, or the service job it names), comparing in constant time. */
@Singleton
public class ApiKeys {
    private final byte[] channel;
    private final byte[] operations;
    private final Caller.ServiceJob job;

    public ApiKeys(ApiKeyConfiguration configuration) {
        if (configuration.getChannel().equals(configuration.getOperations())) {
            throw new IllegalStateException("the channel and operations API keys must differ");
        }
        this.channel = digest(configuration.getChannel());
        this.operations = digest(configuration.getOperations());
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

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
