package jp.shinkin.otp.service.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.shinkin.otp.credentials.StateDigest;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.service.validation.RequestFields;

/**
 * {@code GET /v1/ops/state-digests?after=…&limit=…} (role operations): a digest of each contract's
 * live state, a page at a time in contract-ID order, gathered from every instance's active stores,
 * for the audit tool's {@code rebuild} to compare with its own fold of the event log. Holds no
 * secret: digests only.
 */
@Controller("/v1/ops/state-digests")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StateDigestsController {
    static final int DEFAULT_PAGE = 5_000;
    static final int MAX_PAGE = 10_000;

    private final ContractPages pages;

    public StateDigestsController(ContractPages pages) {
        this.pages = pages;
    }

    @Serdeable
    public record Digest(String contractId, String digest) {
    }

    @Get
    public MutableHttpResponse<?> digests(@Nullable @QueryValue String after, @Nullable @QueryValue Integer limit,
                                          @Nullable @QueryValue Boolean local,
                                          HttpRequest<?> request,
                                          @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (after != null) {
            RequestFields.contractId(after, "after");
        }
        int size = ContractPages.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        if (pages.localOnly(request, local)) {
            return HttpResponse.ok(pages.local(after, size, StateDigestsController::digest));
        }
        ContractPages.Page<Digest> page = pages.gather(after, size, StateDigestsController::digest, Digest::contractId,
                "/v1/ops/state-digests", Digest.class, authorization);
        Map<String, String> digests = new LinkedHashMap<>();
        page.items().forEach(d -> digests.put(d.contractId(), d.digest()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instances", page.instances());
        answer.put("contracts", digests);
        answer.put("next", page.next());
        return HttpResponse.ok(answer);
    }

    private static Optional<Digest> digest(String contractId, ContractState state) {
        return Optional.of(new Digest(contractId, StateDigest.of(state)));
    }
}
