package jp.shinkin.otp.credentials;

import java.util.List;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.Outcome;

/**
 * Told of every final answer the single writer gives, in the JVM that decided it and once the
 * decision is committed ({@link AnswerGate}), so the HTTP request waiting on that command can be
 * answered without another round trip through Kafka.
 */
@FunctionalInterface
public interface DecisionListener {
    DecisionListener NONE = (commandId, outcome, events) -> { };

    void decided(String commandId, Outcome outcome, List<ContractEvent> events);

    /** The decision on this command was not committed (its transaction aborted): it may be decided again. */
    default void abandoned(String commandId) {
    }
}
