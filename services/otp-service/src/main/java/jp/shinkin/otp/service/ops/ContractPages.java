package jp.shinkin.otp.service.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Unavailable;
import jp.shinkin.otp.service.credentials.CredentialStreams;
import jp.shinkin.otp.service.credentials.LocalStores;
import jp.shinkin.otp.service.credentials.OwnerForwarding;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * Lists over every contract, in pages, gathered from every instance's active stores (each holds
 * some partitions). Every instance scans its own store from the cursor; the page ends at the
 * smallest contract ID up to which every instance has looked, so nothing is skipped or given
 * twice however the contracts are spread. A page may hold fewer items than asked for (a sparse
 * list); the caller goes on while {@code next} is present.
 */
@Singleton
public class ContractPages {
    /** At most this many records read per instance for one page, whatever the list. */
    static final int SCAN_BUDGET = 20_000;

    private final CredentialStreams streams;
    private final LocalStores stores;
    private final OwnerForwarding forwarding;
    private final JsonMapper json;

    public ContractPages(CredentialStreams streams, LocalStores stores, OwnerForwarding forwarding, JsonMapper json) {
        this.streams = streams;
        this.stores = stores;
        this.forwarding = forwarding;
        this.json = json;
    }

    /** What one instance answers another (and what a {@code local=true} request gets). */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record InstancePage<T>(@Nullable List<T> items, @Nullable String scannedTo, boolean end) {
        public InstancePage {
            // An empty list is left out of JSON answers: it comes back as null.
            items = items == null ? List.of() : items;
        }
    }

    /** @param next the cursor for the following page ({@code after=next}); null after the last */
    public record Page<T>(List<T> items, @Nullable String next, int instances) {
    }

    /** The items picked from this instance's store alone. */
    public <T> InstancePage<T> local(@Nullable String after, int limit, BiFunction<String, ContractState, Optional<T>> pick) {
        requireRunning();
        LocalStores.ScanPage<T> page = stores.scanContracts(after, limit, Math.max(limit, SCAN_BUDGET), pick);
        return new InstancePage<>(page.items(), page.scannedTo(), page.end());
    }

    /**
     * One page of the whole list: this instance's scan and every other instance's
     * ({@code path?local=true&after=…&limit=…}, with the caller's credential), merged.
     */
    public <T> Page<T> gather(@Nullable String after, int limit, BiFunction<String, ContractState, Optional<T>> pick,
                              Function<T, String> contractId, String path, Class<T> type, String authorization) {
        List<InstancePage<T>> pages = new ArrayList<>();
        pages.add(local(after, limit, pick));
        for (StreamsMetadata other : streams.streams().metadataForAllStreamsClients()) {
            String host = other.hostInfo().host() + ":" + other.hostInfo().port();
            if (!host.equals(streams.applicationServer())) {
                pages.add(remote(host, path, after, limit, type, authorization));
            }
        }
        return merge(pages, limit, contractId);
    }

    static <T> Page<T> merge(List<InstancePage<T>> pages, int limit, Function<T, String> contractId) {
        // Every instance has looked at everything up to its scannedTo: the page is complete up to the smallest.
        String complete = pages.stream().filter(p -> !p.end() && p.scannedTo() != null).map(InstancePage::scannedTo)
                .min(Comparator.naturalOrder()).orElse(null);
        List<T> items = pages.stream().flatMap(p -> p.items().stream())
                .filter(i -> complete == null || contractId.apply(i).compareTo(complete) <= 0)
                .sorted(Comparator.comparing(contractId)).toList();
        if (items.size() > limit) {
            items = items.subList(0, limit);
            return new Page<>(items, contractId.apply(items.get(limit - 1)), pages.size());
        }
        return new Page<>(items, complete, pages.size());
    }

    /** A page size from the query: {@code fallback} when absent, refused (E4000) outside 1..{@code max}. */
    public static int limit(@Nullable Integer asked, int fallback, int max) {
        if (asked == null) {
            return fallback;
        }
        if (asked < 1 || asked > max) {
            throw ApiException.badField("limit", "between 1 and " + max);
        }
        return asked;
    }

    private <T> InstancePage<T> remote(String host, String path, @Nullable String after, int limit, Class<T> type,
                                       String authorization) {
        String query = path + (path.contains("?") ? "&" : "?") + "local=true&limit=" + limit
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        try {
            java.net.http.HttpResponse<String> answer = forwarding.sendRaw(forwarding.request(host, query, authorization,
                    Duration.ofSeconds(30)).GET().build());
            if (answer.statusCode() != 200) {
                throw new Unavailable("instance " + host + " did not give its page; retry shortly");
            }
            @SuppressWarnings("unchecked")
            Argument<InstancePage<T>> pageType = (Argument<InstancePage<T>>) (Argument<?>) Argument.of(InstancePage.class, type);
            return json.readValue(answer.body(), pageType);
        } catch (IOException e) {
            throw new Unavailable("instance " + host + " did not answer; retry shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted; retry");
        }
    }

    private void requireRunning() {
        if (streams.streams().state() != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the topology is not running (rebalancing); retry shortly");
        }
    }
}
