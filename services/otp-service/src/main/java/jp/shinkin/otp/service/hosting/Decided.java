package jp.shinkin.otp.service.hosting;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.ResultCode;

/**
 * A command's answer from the single writer, with the events it wrote (details such as tickets
 * live there). {@code commandId} names the command, and so its events' correlation ID.
 */
public record Decided(String commandId, Outcome outcome, List<ContractEvent> events) {

    public boolean succeeded() {
        return outcome instanceof Outcome.Succeeded;
    }

    public Optional<ResultCode> resultCode() {
        return outcome instanceof Outcome.Succeeded s ? Optional.of(s.code()) : Optional.empty();
    }

    public Optional<ErrorCode> errorCode() {
        return outcome instanceof Outcome.Rejected r ? Optional.of(r.code()) : Optional.empty();
    }

    public <E extends ContractEvent> Stream<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }

    public boolean wrote(Class<? extends ContractEvent> type) {
        return events(type).findAny().isPresent();
    }
}
