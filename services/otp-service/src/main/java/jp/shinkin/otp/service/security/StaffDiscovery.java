package jp.shinkin.otp.service.security;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The staff identity provider's discovery document ({@code <issuer>/.well-known/openid-configuration}),
 * read the first time it is needed and kept: the service starts, and serves the channel, while the
 * provider is still starting. It must name the configured issuer, or nothing it says is used.
 */
@Singleton
public class StaffDiscovery {
    private final StaffIdentityConfiguration config;
    private final ResourceRetriever retriever;
    private volatile Map<String, Object> metadata;
    /** After a failed read, callers are answered at once until then: a provider outage must not hold a thread per request. */
    private volatile long quietUntilNanos = System.nanoTime();
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);

    public StaffDiscovery(StaffIdentityConfiguration config) {
        this.config = config;
        int timeout = (int) config.getFetchTimeout().toMillis();
        this.retriever = new DefaultResourceRetriever(timeout, timeout, 512 * 1024);
    }

    ResourceRetriever retriever() {
        return retriever;
    }

    /** The provider's metadata; an IOException when it cannot be read or names another issuer. */
    public Map<String, Object> metadata() throws IOException {
        Map<String, Object> known = metadata;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (metadata != null) {
                return metadata;
            }
            if (System.nanoTime() - quietUntilNanos < 0) {
                throw new IOException("the identity provider's discovery document could not be read a moment ago");
            }
            try {
                return read();
            } catch (IOException e) {
                quietUntilNanos = System.nanoTime() + QUIET_NANOS;
                throw e;
            }
        }
    }

    private Map<String, Object> read() throws IOException {
        try {
            String where = config.getDiscoveryUri() != null ? config.getDiscoveryUri()
                    : config.getIssuer() + "/.well-known/openid-configuration";
            Map<String, Object> read = JSONObjectUtils.parse(retriever.retrieveResource(URI.create(where).toURL()).getContent());
            if (!config.getIssuer().equals(read.get("issuer"))) {
                throw new IOException("the discovery document names another issuer: " + read.get("issuer"));
            }
            metadata = Collections.unmodifiableMap(new HashMap<>(read));
            return metadata;
        } catch (ParseException | IllegalArgumentException e) {
            throw new IOException("the identity provider's discovery document could not be read: " + e.getMessage(), e);
        }
    }

    /** An endpoint the document names (jwks_uri, authorization_endpoint, token_endpoint, end_session_endpoint). */
    public String endpoint(String name) throws IOException {
        Object value = metadata().get(name);
        if (!(value instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
            throw new IOException("the discovery document has no " + name);
        }
        return s;
    }
}
