package jp.shinkin.otp.service.credentials;

import java.util.List;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.ResultCode;
import org.apache.avro.specific.SpecificRecord;

/** A command's answer from the single writer, with the events it wrote (details such as tickets live there). */
public record Decided(Outcome outcome, List<SpecificRecord> events) {

    public boolean succeeded() {
        return outcome instanceof Outcome.Succeeded;
    }

    public Optional<ResultCode> resultCode() {
        return outcome instanceof Outcome.Succeeded s ? Optional.of(s.code()) : Optional.empty();
    }

    public Optional<ErrorCode> errorCode() {
        return outcome instanceof Outcome.Rejected r ? Optional.of(r.code()) : Optional.empty();
    }

    public boolean wrote(Class<? extends SpecificRecord> eventType) {
        return events.stream().anyMatch(eventType::isInstance);
    }
}
