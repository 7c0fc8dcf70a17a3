package jp.shinkin.otp.domain.contract;

import java.util.List;

/** What deciding a command produced: the events to append (possibly none) and the answer. */
public record Decision(List<ContractEvent> events, Outcome outcome) {
    public Decision {
        events = List.copyOf(events);
    }

    public static Decision succeeded(ResultCode code, List<ContractEvent> events) {
        return new Decision(events, new Outcome.Succeeded(code));
    }

    public static Decision rejected(ErrorCode code, List<ContractEvent> events) {
        return new Decision(events, new Outcome.Rejected(code));
    }

    public static Decision rejected(ErrorCode code) {
        return rejected(code, List.of());
    }

    public static Decision pending(List<ContractEvent> events) {
        return new Decision(events, new Outcome.Pending());
    }

    public boolean accepted() {
        return outcome instanceof Outcome.Succeeded;
    }
}
