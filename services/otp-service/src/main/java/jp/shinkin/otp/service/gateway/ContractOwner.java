package jp.shinkin.otp.service.gateway;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.hosting.Deadlines;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.hosting.NotDecided;
import jp.shinkin.otp.service.limits.RateLimitedHandler;
import jp.shinkin.otp.service.limits.RateLimits;
import jp.shinkin.otp.service.metrics.PlatformMetrics;
import jp.shinkin.otp.service.routing.ContractRouter;
import jp.shinkin.otp.service.routing.ForwardedHeader;
import jp.shinkin.otp.service.routing.OwnerForwarding;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.stores.LocalStores;

/**
 * The one way from HTTP into a contract's single writer. It finds the instance that owns the
 * contract's partition (waiting out a rebalance up to the routing deadline) and runs the work
 * there: on this instance when it owns the contract or a cluster peer forwarded the request
 * (a signed header, {@link ForwardedHeader}); otherwise the request goes on to the owner, signed,
 * and the owner's answer is relayed. Only on the owner does the decision's reply arrive and the
 * contract's store exist. Work that leads to a command takes a token of the contract's rate limit
 * where it runs; reads do not. No owner, or an owner that does not answer: E5030.
 */
@Singleton
public class ContractOwner {
    private final ContractRouter router;
    private final OwnerForwarding forwarding;
    private final CommandGateway gateway;
    private final RateLimits limits;
    private final LocalStores stores;
    private final JsonMapper json;
    private final Duration forwardTimeout;

    private final PlatformMetrics metrics;

    public ContractOwner(ContractRouter router, OwnerForwarding forwarding, CommandGateway gateway, RateLimits limits,
                         LocalStores stores, JsonMapper json, Deadlines deadlines,
                         PlatformMetrics metrics) {
        this.metrics = metrics;
        this.stores = stores;
        this.router = router;
        this.forwarding = forwarding;
        this.gateway = gateway;
        this.limits = limits;
        this.json = json;
        this.forwardTimeout = deadlines.getReplyTimeout().plus(deadlines.getRoutingDeadline());
    }

    /** Decides {@code submission} on the owner and answers with {@code answer}; non-blocking. */
    public CompletableFuture<MutableHttpResponse<?>> decide(HttpRequest<?> request, Relay relay, Submission submission,
                                                            Function<Decided, MutableHttpResponse<?>> answer) {
        String contractId = submission.contractId();
        return route(contractId, request).thenCompose(route -> {
            if (route instanceof Route.There there) {
                metrics.forwarded();
                return forward(request, there.owner(), relay);
            }
            if (route instanceof Route.Nobody) {
                return CompletableFuture.completedFuture(noOwner());
            }
            Optional<MutableHttpResponse<?>> refused = takeLimit(contractId);
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(refused.get());
            }
            return gateway.submit(submission).handle((decided, error) -> error != null ? notDecided(error) : answer.apply(decided));
        });
    }

    /**
     * Blocking, for handlers on the blocking pool whose work on the owner goes beyond one command
     * (a password check, a ticket, several commands): {@code here} runs on the calling thread
     * when this instance is the owner, and typically calls {@link #decide(Submission)}.
     */
    public MutableHttpResponse<?> atOwner(String contractId, HttpRequest<?> request, Relay relay,
                                          Supplier<MutableHttpResponse<?>> here) {
        Route route = route(contractId, request).join();
        if (route instanceof Route.There there) {
            metrics.forwarded();
            return forward(request, there.owner(), relay).join();
        }
        if (route instanceof Route.Nobody) {
            return noOwner();
        }
        return takeLimit(contractId).orElseGet(here);
    }

    /** Blocking: the single writer's decision on a command submitted on the owner (inside {@link #atOwner}). */
    public Decided decide(Submission submission) {
        return gateway.decide(submission);
    }

    /**
     * The caller's GET answered on the owner from the contract's store: 200 with {@code view} of
     * the state, 404 E4040 for no such contract, 503 E5030 while the store moves. Non-blocking and
     * not rate limited.
     */
    public CompletableFuture<MutableHttpResponse<?>> read(String contractId, HttpRequest<?> request,
                                                          Function<ContractState, Object> view) {
        return route(contractId, request).thenCompose(route -> {
            if (route instanceof Route.There there) {
                return forward(request, there.owner(), Relay.get(request));
            }
            return CompletableFuture.completedFuture(route instanceof Route.Nobody ? noOwner() : readHere(contractId, view));
        });
    }

    /**
     * A GET answered by the instance whose task holds {@code key} in {@code store} (forwarded there
     * when it is another), with {@code here} run on that instance; E5030 while nobody holds it.
     */
    public CompletableFuture<MutableHttpResponse<?>> readAt(String store, String key, HttpRequest<?> request,
                                                            Supplier<MutableHttpResponse<?>> here) {
        CompletableFuture<Route> route = forwarding.isForwarded(request)
                ? CompletableFuture.completedFuture(Route.of(true, router.owner(store, key), router::isLocal))
                : router.ownerWithinDeadline(store, key).thenApply(owner -> Route.of(false, owner, router::isLocal));
        return route.thenCompose(r -> {
            if (r instanceof Route.There there) {
                metrics.forwarded();
                return forward(request, there.owner(), Relay.get(request));
            }
            if (r instanceof Route.Nobody) {
                return CompletableFuture.completedFuture(noOwner());
            }
            try {
                return CompletableFuture.completedFuture(here.get());
            } catch (LocalStores.StoreMoving e) {
                return CompletableFuture.completedFuture(Problems.unavailable(e.getMessage()));
            }
        });
    }

    private MutableHttpResponse<?> readHere(String contractId, Function<ContractState, Object> view) {
        try {
            return stores.contract(contractId).<MutableHttpResponse<?>>map(state -> HttpResponse.ok(view.apply(state)))
                    .orElseGet(() -> Problems.response("E4040", "no contract " + contractId, null));
        } catch (LocalStores.StoreMoving e) {
            // Answered here: this runs inside a future, outside the exception handlers' reach.
            return Problems.unavailable(e.getMessage());
        }
    }

    private CompletableFuture<Route> route(String contractId, HttpRequest<?> request) {
        if (forwarding.isForwarded(request)) {
            // A peer found this instance to be the owner. If ownership has moved since, the work must not
            // run here (no store: a false "no such contract" or "wrong password"; a reply that never
            // comes) nor bounce on: E5030, and the client retries.
            return CompletableFuture.completedFuture(Route.of(true, router.owner(contractId), router::isLocal));
        }
        return router.ownerWithinDeadline(contractId).thenApply(owner -> Route.of(false, owner, router::isLocal));
    }

    private Optional<MutableHttpResponse<?>> takeLimit(String contractId) {
        try {
            limits.contract(contractId);
            return Optional.empty();
        } catch (RateLimits.RateLimited e) {
            return Optional.of(RateLimitedHandler.answer(e));
        }
    }

    private CompletableFuture<MutableHttpResponse<?>> forward(HttpRequest<?> caller, String owner, Relay relay) {
        java.net.http.HttpRequest.Builder forward = forwarding.requestFrom(caller, owner, relay.method(), relay.path(), forwardTimeout);
        if (relay.body() == null) {
            forward.method(relay.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            forward.setHeader("Content-Type", "application/json")
                    .method(relay.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(encode(relay.body())));
        }
        return forwarding.send(forward.build());
    }

    private byte[] encode(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MutableHttpResponse<?> noOwner() {
        return Problems.unavailable("no instance owns this contract yet (rebalancing)");
    }

    private static MutableHttpResponse<?> notDecided(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return Problems.unavailable(cause instanceof NotDecided ? cause.getMessage()
                : "the command could not be decided; retry shortly");
    }
}
