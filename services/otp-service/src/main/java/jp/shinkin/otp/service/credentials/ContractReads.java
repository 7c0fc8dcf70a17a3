package jp.shinkin.otp.service.credentials;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import jp.shinkin.otp.credentials.SnapshotMapper;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.service.api.Problems;

/**
 * Reads a contract's state where it is kept: the owner's store, here or on the owning instance
 * (the request is forwarded as it came, so the owner checks the same key and session).
 */
@Singleton
public class ContractReads {
    private final LocalStores stores;
    private final ContractRouter router;
    private final OwnerForwarding forwarding;

    public ContractReads(LocalStores stores, ContractRouter router, OwnerForwarding forwarding) {
        this.stores = stores;
        this.router = router;
        this.forwarding = forwarding;
    }

    /** 200 with view(state); 404 E4040 for no such contract; 503 E5030 while its store moves. */
    public CompletableFuture<MutableHttpResponse<?>> read(String contractId, HttpRequest<?> request,
                                                          Function<ContractState, Object> view) {
        return router.ownerWithinDeadline(contractId).thenCompose(owner -> {
            if (owner.isEmpty()) {
                return CompletableFuture.completedFuture(unavailable());
            }
            if (!router.isLocal(owner.get())) {
                return forwarding.send(forwarding.requestFrom(request, owner.get(), request.getPath(), Duration.ofSeconds(5))
                        .GET().build());
            }
            return CompletableFuture.completedFuture(local(contractId, view));
        });
    }

    private MutableHttpResponse<?> local(String contractId, Function<ContractState, Object> view) {
        try {
            return stores.contract(contractId)
                    .<MutableHttpResponse<?>>map(snapshot -> HttpResponse.ok(view.apply(SnapshotMapper.toState(snapshot))))
                    .orElseGet(() -> Problems.response("E4040", "no contract " + contractId, null));
        } catch (LocalStores.StoreMoving e) {
            // Answered here: this runs inside a future, outside the exception handlers' reach.
            return unavailable();
        }
    }

    private static MutableHttpResponse<?> unavailable() {
        return Problems.unavailable("the contract's store is moving between instances; retry shortly");
    }
}
