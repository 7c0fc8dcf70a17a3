package jp.shinkin.otp.service.hosting;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import jp.shinkin.otp.credentials.DecisionListener;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.Outcome;

/** Requests waiting for their command's decision, by command ID, completed by the topology. */
@Singleton
public class PendingReplies implements DecisionListener {
    private final ConcurrentMap<String, CompletableFuture<Decided>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<Decided> expect(String commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    public void forget(String commandId) {
        waiting.remove(commandId);
    }

    @Override
    public void decided(String commandId, Outcome outcome, List<ContractEvent> events) {
        CompletableFuture<Decided> future = waiting.remove(commandId);
        if (future != null) {
            future.complete(new Decided(commandId, outcome, events));
        }
    }

    @Override
    public void abandoned(String commandId) {
        CompletableFuture<Decided> future = waiting.remove(commandId);
        if (future != null) {
            future.completeExceptionally(new NotDecided(
                    "the decision was not committed; retry with the same Idempotency-Key"));
        }
    }
}
