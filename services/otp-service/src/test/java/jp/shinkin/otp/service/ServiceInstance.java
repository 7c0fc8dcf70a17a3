package jp.shinkin.otp.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;

/** One running service instance: its own Micronaut context, port and state directory. */
final class ServiceInstance implements AutoCloseable {
    static {
        // A failed stream thread is replaced by design (CredentialStreams), and Kafka Streams then
        // rethrows its exception on the dead thread; Awaitility would take that for the test's own failure.
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    final ApplicationContext context;
    final EmbeddedServer server;
    private final SSLContext clientTls;

    ServiceInstance(Map<String, Object> properties, Clock clock) {
        this(properties, clock, null);
    }

    /** @param clientTls how the tests' client calls an instance served over TLS (null: plain HTTP) */
    ServiceInstance(Map<String, Object> properties, Clock clock, SSLContext clientTls) {
        this.clientTls = clientTls;
        context = ApplicationContext.builder().properties(properties).singletons(clock).start();
        server = context.getBean(EmbeddedServer.class).start();
    }

    /** Waits (30 s at most) until health says broker, registry and topology are up. */
    void awaitHealthy() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
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
