package jp.shinkin.otp.credentials;

import jp.shinkin.otp.wire.EventMetadata;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per event the single writer records (logger {@code jp.shinkin.otp.events}, off unless
 * configured): its type, and in the MDC the contract, the event ID and the correlation ID that ties
 * it to the request — so logs can be joined with the audit trail. Names and IDs only, never a value.
 * Written as the event is handed to the transaction: a transaction aborted afterwards (a crash, a
 * fenced instance) leaves a line for an event the log does not hold, and its retry logs it again —
 * the event log, not this one, is the record.
 */
final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("jp.shinkin.otp.events");

    private EventLog() {
    }

    static void recorded(String contractId, SpecificRecord event, EventContext context) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Object metadata = event.get(event.getSchema().getField("metadata").pos());
        String eventId = metadata instanceof EventMetadata m ? m.getEventId() : "";
        try (MDC.MDCCloseable a = MDC.putCloseable("contractId", contractId);
             MDC.MDCCloseable b = MDC.putCloseable("eventId", eventId);
             MDC.MDCCloseable c = MDC.putCloseable("correlationId", context.correlationId());
             MDC.MDCCloseable d = MDC.putCloseable("commandId", context.commandId())) {
            LOG.info("{}", event.getSchema().getName());
        }
    }
}
