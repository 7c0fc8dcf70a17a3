package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.platform.local.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema the registry has answered for survives a kill -9 of the registry right after: records
 * written with its ID may already be committed, and without it they could never be read again.
 */
class RegistryDurabilityIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSchemaRegisteredJustBeforeAKillMinusNineIsStillThereAfterTheRestart(@TempDir Path data) throws Exception {
        int port = Ports.anyFree();
        long id;
        SchemaRegistryServer registry = new SchemaRegistryServer(data, port).start();
        try {
            String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Durable\\\",\\\"namespace\\\":\\\"test\\\","
                    + "\\\"fields\\\":[{\\\"name\\\":\\\"at\\\",\\\"type\\\":\\\"long\\\"}]}";
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                            URI.create(registry.confluentCompatibleUrl() + "/subjects/durable-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + schema + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            id = Long.parseLong(registered.body().replaceAll("\\D+", ""));
            // No pause: the registration was answered, so it must already be durable.
            ProcessHandle.of(registry.pid()).orElseThrow().destroyForcibly();
            ProcessHandle.of(registry.pid()).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        } finally {
            registry.close();
        }
        try (SchemaRegistryServer again = new SchemaRegistryServer(data, port).start()) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(
                    URI.create(again.confluentCompatibleUrl() + "/schemas/ids/" + id)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("Durable");
        }
    }
}
