package jp.shinkin.otp.service.credentials;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import jp.shinkin.otp.service.api.Problems;

/**
 * Runs a contract's request on the instance that owns the contract's partition: there the
 * decision's reply arrives and the contract's store (password hash, state) can be read. Elsewhere
 * the request is sent on, unchanged, and the owner's answer relayed. The per-contract rate limit
 * is taken where the request runs, on the owner.
 */
@Singleton
public class OwnerRouting {
    private final ContractRouter router;
    private final OwnerForwarding forwarding;
    private final CredentialsConfiguration config;
    private final JsonMapper json;
    private final jp.shinkin.otp.service.limits.RateLimits limits;

    public OwnerRouting(ContractRouter router, OwnerForwarding forwarding, CredentialsConfiguration config, JsonMapper json,
                        jp.shinkin.otp.service.limits.RateLimits limits) {
        this.limits = limits;
        this.router = router;
        this.forwarding = forwarding;
        this.config = config;
        this.json = json;
    }

    /**
     * Blocking: for handlers on the blocking pool. {@code body} is re-encoded as JSON when the
     * request goes to another instance; {@code local} answers when this instance owns the contract.
     */
    public MutableHttpResponse<?> atOwner(String contractId, HttpRequest<?> request, Object body,
                                          Supplier<MutableHttpResponse<?>> local) {
        return atOwner(contractId, request.getMethodName(), request.getUri().toString(), request, body, local);
    }

    /** As above, sending {@code method path} to the owner instead of the request's own (one entry of a bulk call). */
    public MutableHttpResponse<?> atOwner(String contractId, String method, String path, HttpRequest<?> request, Object body,
                                          Supplier<MutableHttpResponse<?>> local) {
        if (forwarding.isForwarded(request)) {
            limits.contract(contractId);
            return local.get();
        }
        Optional<String> owner = router.ownerWithinDeadline(contractId).join();
        if (owner.isEmpty()) {
            return Problems.unavailable("no instance owns this contract yet (rebalancing)");
        }
        if (router.isLocal(owner.get())) {
            limits.contract(contractId);
            return local.get();
        }
        java.net.http.HttpRequest.Builder forward = forwarding.requestFrom(request, owner.get(), path,
                config.getReplyTimeout().plus(config.getRoutingDeadline()));
        forward.method(method, body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofByteArray(encode(body)));
        try {
            return forwarding.send(forward.build()).join();
        } catch (CompletionException e) {
            return Problems.unavailable("the owning instance did not answer; retry shortly");
        }
    }

    private byte[] encode(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
