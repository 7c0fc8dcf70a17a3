package jp.shinkin.otp.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;

/** One running service instance: its own Micronaut context, port and state directory. */
final class ServiceInstance implements AutoCloseable {
    static {
        // A failed stream thread is replaced by design (CredentialStreams), and Kafka Streams then
        // rethrows its exception on the dead thread; Awaitility would take that for the test's own failure.
        org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    final ApplicationContext context;
    final EmbeddedServer server;
    private final javax.net.ssl.SSLContext clientTls;

    ServiceInstance(Map<String, Object> properties, java.time.Clock clock) {
        this(properties, clock, null);
    }

    /** @param clientTls how the tests' client calls an instance served over TLS (null: plain HTTP) */
    ServiceInstance(Map<String, Object> properties, java.time.Clock clock, javax.net.ssl.SSLContext clientTls) {
        this.clientTls = clientTls;
        context = ApplicationContext.builder().properties(properties).singletons(clock).start();
        server = context.getBean(EmbeddedServer.class).start();
    }

    /** Waits (30 s at most) until health says broker, registry and topology are up. */
    void awaitHealthy() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> http().get("/health", null).statusCode() == 200);
    }

    URI uri() {
        return server.getURI();
    }

    HttpCalls http() {
        return new HttpCalls(uri(), clientTls);
    }

    @Override
    public void close() {
        if (context.isRunning()) {
            server.stop();
            context.close();
        }
    }
}
