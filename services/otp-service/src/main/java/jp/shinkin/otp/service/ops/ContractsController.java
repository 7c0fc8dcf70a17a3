package jp.shinkin.otp.service.ops;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.service.credentials.ContractOwner;
import jp.shinkin.otp.service.flows.FlowValidation;

/** {@code GET /v1/ops/contracts/{id}}: the contract's state from the owner's store (forwarded when remote). */
@Controller("/v1/ops/contracts")
public class ContractsController {
    private final ContractOwner owner;

    public ContractsController(ContractOwner owner) {
        this.owner = owner;
    }

    @Get("/{contractId}")
    public CompletableFuture<MutableHttpResponse<?>> contract(HttpRequest<?> request, @PathVariable String contractId) {
        FlowValidation.contractId(contractId, "contractId");
        return owner.read(contractId, request, state -> ContractView.of(contractId, state));
    }
}
