package jp.shinkin.otp.service.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Unavailable;
import jp.shinkin.otp.service.hosting.CredentialStreams;
import jp.shinkin.otp.service.routing.OwnerForwarding;
import jp.shinkin.otp.service.stores.LocalStores;
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
    /** How long another instance may take over its part of a page. */
    static final Duration PEER_DEADLINE = Duration.ofSeconds(30);

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
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstancePage<T>(@Nullable List<T> items, @Nullable String scannedTo, boolean end,
                                  @Nullable List<Integer> partitions) {
        public InstancePage {
            // An empty list is left out of JSON answers: it comes back as null.
            items = items == null ? List.of() : items;
            partitions = partitions == null ? List.of() : partitions;
        }
    }

    /** @param next the cursor for the following page ({@code after=next}); null after the last */
    public record Page<T>(List<T> items, @Nullable String next, int instances) {
    }

    /**
     * Whether a request asks for this instance's page alone: only another instance gathering a page
     * may (its signed forwarding header); a client's {@code local=true} is ignored, so one client
     * request never costs more than one gathered page.
     */
    public boolean localOnly(HttpRequest<?> request, @Nullable Boolean local) {
        return Boolean.TRUE.equals(local) && forwarding.isForwarded(request);
    }

    /** The items picked from this instance's store alone. */
    public <T> InstancePage<T> local(@Nullable String after, int limit, BiFunction<String, ContractState, Optional<T>> pick) {
        requireRunning();
        LocalStores.ScanPage<T> page = stores.scanContracts(after, limit, Math.max(limit, SCAN_BUDGET), pick);
        return new InstancePage<>(page.items(), page.scannedTo(), page.end(), page.partitions());
    }

    /**
     * One page of the whole list: this instance's scan and every other instance's
     * ({@code path?local=true&after=…&limit=…}, with the caller's credential), merged.
     */
    public <T> Page<T> gather(@Nullable String after, int limit, BiFunction<String, ContractState, Optional<T>> pick,
                              Function<T, String> contractId, String path, Class<T> type, String authorization) {
        // The platform creates its topics with the catalogue's counts (co-partitioning depends on it).
        int partitions = Topics.COMMANDS.spec().partitions();
        // The other instances scan at the same time as this one: a page costs the slowest scan, not their sum.
        List<CompletableFuture<InstancePage<T>>> remote = new ArrayList<>();
        for (StreamsMetadata other : streams.streams().metadataForAllStreamsClients()) {
            String host = other.hostInfo().host() + ":" + other.hostInfo().port();
            if (!host.equals(streams.applicationServer())) {
                remote.add(remote(host, path, after, limit, type, authorization));
            }
        }
        List<InstancePage<T>> pages = new ArrayList<>();
        pages.add(local(after, limit, pick));
        for (CompletableFuture<InstancePage<T>> page : remote) {
            pages.add(await(page));
        }
        requireEveryPartitionOnce(pages, partitions);
        return merge(pages, limit, contractId);
    }

    /**
     * The pages must have scanned every partition exactly once: a partition that moved between two
     * instances' scans (a rebalance) would be counted twice or missed, and an instance that does not
     * say what it scanned (an older version during an upgrade) cannot be trusted with a cursor.
     */
    static void requireEveryPartitionOnce(List<? extends InstancePage<?>> pages, int partitions) {
        BitSet seen = new BitSet(partitions);
        for (InstancePage<?> page : pages) {
            if (!page.end() && page.scannedTo() == null) {
                throw new Unavailable("an instance gave a page without its cursor (an older version?); retry shortly");
            }
            for (int p : page.partitions()) {
                if (p < 0 || p >= partitions || seen.get(p)) {
                    throw new Unavailable("the partitions are moving between instances; retry shortly");
                }
                seen.set(p);
            }
        }
        if (seen.cardinality() != partitions) {
            throw new Unavailable("some partitions have no active instance now (rebalancing); retry shortly");
        }
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

    private <T> CompletableFuture<InstancePage<T>> remote(String host, String path, @Nullable String after, int limit,
                                                         Class<T> type, String authorization) {
        String query = path + (path.contains("?") ? "&" : "?") + "local=true&limit=" + limit
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Argument<InstancePage<T>> pageType = (Argument<InstancePage<T>>) (Argument<?>) Argument.of(InstancePage.class, type);
        return forwarding.sendRawAsync(forwarding.request(host, "GET", query, authorization, PEER_DEADLINE).GET().build())
                .thenApply(answer -> {
                    if (answer.statusCode() != 200) {
                        throw new Unavailable("instance " + host + " did not give its page; retry shortly");
                    }
                    try {
                        return json.readValue(answer.body(), pageType);
                    } catch (IOException e) {
                        throw new Unavailable("instance " + host + " gave an unreadable page; retry shortly");
                    }
                });
    }

    private static <T> InstancePage<T> await(CompletableFuture<InstancePage<T>> page) {
        try {
            return page.get(PEER_DEADLINE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Unavailable u ? u : new Unavailable("an instance did not answer; retry shortly");
        } catch (TimeoutException e) {
            page.cancel(true);
            throw new Unavailable("an instance did not answer in time; retry shortly");
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
