package jp.shinkin.otp.service.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.shinkin.otp.service.messaging.StartupCheck;
import jp.shinkin.otp.service.messaging.StartupRefused;

/**
 * Outside the dev profile the service does not start on settings that lose data or secrets
 * quietly: a replication factor under 3, the published dev keys, API keys held in clear (only their
 * SHA-256 is needed), plain HTTP between instances
 * (forwarded requests carry customers' codes and operators' tokens) or to the staff identity
 * provider (whoever serves its keys decides who is an operator). The whole list is one line
 * (the startup error's message), so a supervisor's log says what to fix; it is checked before any
 * Kafka client exists (a {@link StartupCheck}: {@code KafkaClients} depends on every one), so a
 * broker that is not there yet cannot delay the refusal. It reads the settings it checks as
 * properties, so this package needs none of the packages that use Kafka.
 */
@Context
@Requires(notEnv = {"dev", "test"})
public class ProductionSafety implements StartupCheck {
    /** The keys application-dev.yml publishes: anyone who read this repository has them. */
    static final Set<String> DEV_KEYS = Set.of("dev-channel-key", "dev-operations-key",
            "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYmI=", "ZGV2LW9ubHktdHJhbnNwb3J0LWtleS0zMmJ5dGVzISE=",
            "ZGV2LW9ubHktc2Vzc2lvbi1zaWduaW5nLWtleS0zMmI=", "ZGV2LW9ubHktY2x1c3Rlci1mb3J3YXJkaW5nLWtleTMy");

    public ProductionSafety(ApiKeyConfiguration apiKeys, StaffIdentityConfiguration staff,
                            @Value("${otp.credentials.streams.replication.factor:1}") String replicationFactor,
                            @Value("${otp.credentials.advertised-url}") String advertisedUrl,
                            @Value("${otp.crypto.kek}") String kek, @Value("${otp.crypto.transport-key}") String transportKey,
                            @Value("${otp.sessions.key}") String sessionKey, @Value("${otp.cluster.key}") String clusterKey,
                            @Value("${otp.cluster.allow-plain-http:false}") boolean plainHttpBetweenInstances,
                            @Value("${otp.crypto.previous-keks:}") String previousKeks,
                            @Value("${otp.crypto.previous-transport-keys:}") String previousTransportKeys,
                            @Value("${otp.sessions.previous-keys:}") String previousSessionKeys) {
        List<String> problems = problems(new Settings(replicationFactor, advertisedUrl, plainHttpBetweenInstances,
                Map.of("OTP_KEK_BASE64", kek, "OTP_TRANSPORT_KEY_BASE64", transportKey, "OTP_SESSION_KEY_BASE64", sessionKey,
                        "OTP_CLUSTER_KEY_BASE64", clusterKey, "OTP_CHANNEL_API_KEY", apiKeys.getChannel(),
                        "OTP_OPERATIONS_API_KEY", apiKeys.getOperations(), "OTP_PREVIOUS_KEKS", previousKeks,
                        "OTP_PREVIOUS_TRANSPORT_KEYS", previousTransportKeys, "OTP_SESSION_PREVIOUS_KEYS", previousSessionKeys),
                staff.isTransportSecure()));
        if (!problems.isEmpty()) {
            throw new StartupRefused("refusing to start outside the dev profile: " + String.join("; ", problems));
        }
    }

    /** What the checks look at. */
    record Settings(String replicationFactor, String advertisedUrl, boolean plainHttpBetweenInstances,
                    Map<String, String> secrets, boolean identityProviderSecure) {
        Settings(String replicationFactor, String advertisedUrl, boolean plainHttpBetweenInstances, Map<String, String> secrets) {
            this(replicationFactor, advertisedUrl, plainHttpBetweenInstances, secrets, true);
        }
    }

    /**
     * A key, or a list of previous keys ({@code id:base64,...}) one of which is a dev key — compared
     * as bytes too, so leaving out base64's padding does not slip a dev key through.
     */
    private static boolean holdsDevKey(String value) {
        for (String entry : value.split(",")) {
            String key = entry.substring(entry.indexOf(':') + 1).strip();
            if (DEV_KEYS.contains(entry.strip()) || DEV_KEYS.contains(key) || DEV_KEY_BYTES.contains(decoded(key))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> DEV_KEY_BYTES = DEV_KEYS.stream().map(ProductionSafety::decoded)
            .filter(k -> !k.isEmpty()).collect(Collectors.toSet());

    /** The key's bytes (as hex), or "" when it is not base64. */
    private static String decoded(String base64) {
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        int rf;
        try {
            rf = Integer.parseInt(s.replicationFactor().strip());
        } catch (NumberFormatException e) {
            rf = 0;
        }
        if (rf < 3) {
            problems.add("OTP_REPLICATION_FACTOR is " + s.replicationFactor()
                    + " (at least 3, with min.insync.replicas 2 on the brokers, or a broker's loss loses state)");
        }
        s.secrets().entrySet().stream().filter(e -> e.getValue() != null && holdsDevKey(e.getValue()))
                .map(Map.Entry::getKey).sorted()
                .forEach(name -> problems.add(name + " is the published dev key (generate one: head -c32 /dev/urandom | base64)"));
        s.secrets().entrySet().stream().filter(e -> e.getKey().endsWith("_API_KEY") && e.getValue() != null
                        && !ApiKeys.isDigest(e.getValue()) && !DEV_KEYS.contains(e.getValue().strip()))
                .map(Map.Entry::getKey).sorted()
                .forEach(name -> problems.add(name + " is given in clear (give its digest: sha256:$(printf %s \"$KEY\" | sha256sum | cut -c1-64))"));
        if (s.advertisedUrl() != null && s.advertisedUrl().startsWith("http://") && !s.plainHttpBetweenInstances()) {
            problems.add("OTP_ADVERTISED_URL is plain HTTP (instances forward codes and tokens to each other: serve HTTPS, "
                    + "or set OTP_CLUSTER_ALLOW_PLAIN_HTTP=true where nothing is forwarded)");
        }
        if (!s.identityProviderSecure()) {
            problems.add("OTP_STAFF_ISSUER (or its discovery / key address) is plain HTTP: anyone on the path could serve "
                    + "their own keys (OTP_STAFF_ALLOW_PLAIN_HTTP=true only for a local provider)");
        }
        return problems;
    }
}
