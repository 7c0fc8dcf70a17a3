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
import jp.shinkin.otp.credentials.CredentialTopology;
import jp.shinkin.otp.credentials.SnapshotMapper;
import jp.shinkin.otp.domain.contract.ContractId;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.credentials.ContractRouter;
import jp.shinkin.otp.service.credentials.CredentialStreams;
import jp.shinkin.otp.service.credentials.OwnerForwarding;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@code GET /v1/ops/contracts/{id}}: the contract's state from the owner's store (forwarded when remote). */
@Controller("/v1/ops/contracts")
public class ContractsController {
    private final CredentialStreams streams;
    private final ContractRouter router;
    private final OwnerForwarding forwarding;

    public ContractsController(CredentialStreams streams, ContractRouter router, OwnerForwarding forwarding) {
        this.streams = streams;
        this.router = router;
        this.forwarding = forwarding;
    }

    @Get("/{contractId}")
    public CompletableFuture<MutableHttpResponse<?>> contract(@PathVariable String contractId,
                                                              @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!ContractId.isValid(contractId)) {
            throw ApiException.badField("contractId", "1-32 of A-Z, a-z, 0-9 and '-'");
        }
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
            ReadOnlyKeyValueStore<String, ContractSnapshot> store = streams.streams().store(StoreQueryParameters.fromNameAndType(
                    CredentialTopology.CONTRACT_STORE, QueryableStoreTypes.<String, ContractSnapshot>keyValueStore()));
            ContractSnapshot snapshot = store.get(contractId);
            if (snapshot == null || !snapshot.getOpened()) {
                return Problems.response("E4040", "no contract " + contractId, null);
            }
            return HttpResponse.ok(ContractView.of(contractId, SnapshotMapper.toState(snapshot)));
        } catch (InvalidStateStoreException e) {
            // The store is moving between instances (rebalance).
            return unavailable();
        }
    }

    private static MutableHttpResponse<?> unavailable() {
        return Problems.unavailable("the contract's store is moving between instances; retry shortly");
    }
}
