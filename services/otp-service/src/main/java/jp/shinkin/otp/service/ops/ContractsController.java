package jp.shinkin.otp.service.ops;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.credentials.SnapshotMapper;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.credentials.ContractRouter;
import jp.shinkin.otp.service.credentials.LocalStores;
import jp.shinkin.otp.service.credentials.OwnerForwarding;
import jp.shinkin.otp.service.flows.FlowValidation;

/** {@code GET /v1/ops/contracts/{id}}: the contract's state from the owner's store (forwarded when remote). */
@Controller("/v1/ops/contracts")
public class ContractsController {
    private final LocalStores stores;
    private final ContractRouter router;
    private final OwnerForwarding forwarding;

    public ContractsController(LocalStores stores, ContractRouter router, OwnerForwarding forwarding) {
        this.stores = stores;
        this.router = router;
        this.forwarding = forwarding;
    }

    @Get("/{contractId}")
    public CompletableFuture<MutableHttpResponse<?>> contract(@PathVariable String contractId,
                                                              @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        FlowValidation.contractId(contractId, "contractId");
        return router.ownerWithinDeadline(contractId).thenCompose(owner -> {
            if (owner.isEmpty()) {
                return CompletableFuture.completedFuture(unavailable());
            }
            if (!router.isLocal(owner.get())) {
                return forwarding.send(forwarding.request(owner.get(), "/v1/ops/contracts/" + contractId, authorization,
                        Duration.ofSeconds(5)).GET().build());
            }
            return CompletableFuture.completedFuture(local(contractId));
        });
    }

    private MutableHttpResponse<?> local(String contractId) {
        try {
            return stores.contract(contractId)
                    .<MutableHttpResponse<?>>map(snapshot -> HttpResponse.ok(ContractView.of(contractId, SnapshotMapper.toState(snapshot))))
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
