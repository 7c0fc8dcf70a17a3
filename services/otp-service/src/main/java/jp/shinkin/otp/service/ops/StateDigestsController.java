package jp.shinkin.otp.service.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import jp.shinkin.otp.service.api.Unavailable;
import jp.shinkin.otp.service.credentials.CredentialStreams;
import jp.shinkin.otp.service.credentials.LocalStores;
import jp.shinkin.otp.service.credentials.OwnerForwarding;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * {@code GET /v1/ops/state-digests} (role operations): a digest of every contract's live state,
 * gathered from every instance's active stores, for the audit tool's {@code rebuild} to compare
 * with its own fold of the event log. Holds no secret: digests only.
 */
@Controller("/v1/ops/state-digests")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StateDigestsController {
    private final CredentialStreams streams;
    private final JsonMapper json;

    private final OwnerForwarding forwarding;

    private final LocalStores stores;

    public StateDigestsController(CredentialStreams streams, LocalStores stores, JsonMapper json, OwnerForwarding forwarding) {
        this.streams = streams;
        this.stores = stores;
        this.forwarding = forwarding;
        this.json = json;
    }

    @Get
    public MutableHttpResponse<?> digests(@Nullable @QueryValue Boolean local,
                                          @Header(HttpHeaders.AUTHORIZATION) String authorization) throws Exception {
        if (streams.streams().state() != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the topology is not running (rebalancing); retry shortly");
        }
        Map<String, String> digests = new TreeMap<>(stores.contractDigests());
        int instances = 1;
        if (!Boolean.TRUE.equals(local)) {
            for (StreamsMetadata other : streams.streams().metadataForAllStreamsClients()) {
                String host = other.hostInfo().host() + ":" + other.hostInfo().port();
                if (host.equals(streams.applicationServer())) {
                    continue;
                }
                digests.putAll(remote(host, authorization));
                instances++;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instances", instances);
        answer.put("contracts", digests);
        return HttpResponse.ok(answer);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> remote(String host, String authorization) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> answer = forwarding.sendRaw(forwarding.request(host, "/v1/ops/state-digests?local=true",
                authorization, Duration.ofSeconds(60)).GET().build());
        if (answer.statusCode() != 200) {
            throw new Unavailable("instance " + host + " did not give its digests; retry shortly");
        }
        return (Map<String, String>) json.readValue(answer.body(), Map.class).get("contracts");
    }
}
