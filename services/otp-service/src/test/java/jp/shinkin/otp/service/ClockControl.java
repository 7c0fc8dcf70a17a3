package jp.shinkin.otp.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import jp.shinkin.otp.domain.fixtures.MovableClock;

/**
 * The test clock, reachable by the browser tests (a separate Node process): {@code GET /now}
 * (epoch millis) and {@code POST /advance?seconds=N}. Test code only, on loopback only.
 */
final class ClockControl implements AutoCloseable {
    private final HttpServer server;

    ClockControl(MovableClock clock) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/now", exchange -> answer(exchange, 200, String.valueOf(clock.instant().toEpochMilli())));
        server.createContext("/advance", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            if (!"POST".equals(exchange.getRequestMethod()) || query == null || !query.matches("seconds=[0-9]{1,4}")) {
                answer(exchange, 400, "POST /advance?seconds=N");
                return;
            }
            clock.advance(Duration.ofSeconds(Long.parseLong(query.substring("seconds=".length()))));
            answer(exchange, 200, String.valueOf(clock.instant().toEpochMilli()));
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
