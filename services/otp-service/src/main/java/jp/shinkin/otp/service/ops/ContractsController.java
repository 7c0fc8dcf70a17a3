package jp.shinkin.otp.service.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.TokenStatus;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.validation.RequestFields;
import jp.shinkin.otp.service.gateway.ContractOwner;

/**
 * {@code GET /v1/ops/contracts/{id}}: the contract's state from the owner's store (forwarded when
 * remote). {@code GET /v1/ops/contracts?status=locked|suspended|approvals&after=…&limit=…}: the
 * contracts that are locked, whose token is suspended, or that have a request waiting for a second
 * person (not yet expired), a page at a time in contract-ID order, from every instance.
 */
@Controller("/v1/ops/contracts")
public class ContractsController {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private final ContractOwner owner;
    private final ContractPages pages;
    private final Clock clock;

    public ContractsController(ContractOwner owner, ContractPages pages, Clock clock) {
        this.owner = owner;
        this.pages = pages;
        this.clock = clock;
    }

    /** @param next give it as {@code after} for the following page; absent after the last */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContractList(String status, List<ContractView> contracts, @Nullable String next) {
    }

    @Get("/{contractId}")
    public CompletableFuture<MutableHttpResponse<?>> contract(HttpRequest<?> request, @PathVariable String contractId) {
        RequestFields.contractId(contractId, "contractId");
        return owner.read(contractId, request, state -> ContractView.of(contractId, state));
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> list(@Nullable @QueryValue String status, @Nullable @QueryValue String after,
                                       @Nullable @QueryValue Integer limit, @Nullable @QueryValue Boolean local,
                                       HttpRequest<?> request,
                                       @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        String which = status == null ? "" : status.toLowerCase(Locale.ROOT);
        BiFunction<String, ContractState, Optional<ContractView>> pick = switch (which) {
            case "locked" -> (id, s) -> Optional.of(s).filter(ContractState::locked).map(x -> ContractView.of(id, x));
            case "suspended" -> (id, s) -> Optional.of(s)
                    .filter(x -> x.token().filter(t -> t.status() == TokenStatus.SUSPENDED).isPresent()).map(x -> ContractView.of(id, x));
            case "approvals" -> (id, s) -> Optional.of(s)
                    .filter(x -> x.approvals().values().stream().anyMatch(a -> a.expiresAt().isAfter(clock.instant())))
                    .map(x -> ContractView.of(id, x));
            default -> throw ApiException.badField("status", "locked, suspended or approvals");
        };
        if (after != null) {
            RequestFields.contractId(after, "after");
        }
        int size = ContractPages.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        if (pages.localOnly(request, local)) {
            return HttpResponse.ok(pages.local(after, size, pick));
        }
        ContractPages.Page<ContractView> page = pages.gather(after, size, pick, ContractView::contractId,
                "/v1/ops/contracts?status=" + which, ContractView.class, authorization);
        return HttpResponse.ok(new ContractList(which, page.items(), page.next()));
    }
}
