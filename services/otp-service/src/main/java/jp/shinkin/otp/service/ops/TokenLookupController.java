package jp.shinkin.otp.service.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.stores.LocalStores;

/**
 * {@code GET /v1/ops/tokens/{tokenId}}: which contract a token belongs to, as the token-ID single
 * writer knows it — {@code BOUND} (to {@code contractId}), {@code FREE} (stopped: any contract may
 * register it with a new code), {@code RETIRED} (reset, suspended, replaced or retired with a stop:
 * nobody may), {@code ISSUED} (never registered); 404 for a token never issued.
 */
@Controller("/v1/ops/tokens")
public class TokenLookupController {
    private final ContractOwner owner;
    private final LocalStores stores;

    public TokenLookupController(ContractOwner owner, LocalStores stores) {
        this.owner = owner;
        this.stores = stores;
    }

    /** @param contractId the holder while {@code BOUND}; the last holder when {@code RETIRED}; else null */
    @Serdeable
    public record TokenView(String tokenId, String status, @Nullable String contractId, @Nullable Instant since) {
    }

    @Get("/{tokenId}")
    public CompletableFuture<MutableHttpResponse<?>> token(HttpRequest<?> request, @PathVariable String tokenId) {
        if (!TokenId.isValid(tokenId)) {
            throw ApiException.badField("tokenId", "4 capital letters and 8 digits, as the app shows it");
        }
        return owner.readAt(StateStores.TOKEN_OWNERS.name(), tokenId, request, () -> stores.tokenHolding(tokenId)
                .<MutableHttpResponse<?>>map(h -> HttpResponse.ok(new TokenView(tokenId,
                        h.retired() ? "RETIRED" : h.contractId().isEmpty() ? "FREE" : "BOUND", h.contractId().orElse(null), h.since())))
                .orElseGet(() -> stores.isIssued(tokenId) ? HttpResponse.ok(new TokenView(tokenId, "ISSUED", null, null))
                        : Problems.response("E4040", "no token " + tokenId, null)));
    }
}
