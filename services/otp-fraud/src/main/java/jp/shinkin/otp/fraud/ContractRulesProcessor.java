package jp.shinkin.otp.fraud;

import java.time.Instant;
import java.util.Map;
import jp.shinkin.otp.wire.ContractLocked;
import jp.shinkin.otp.wire.DeviceChanged;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.FraudAlert;
import jp.shinkin.otp.wire.OtpRejected;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.SuspensionReason;
import jp.shinkin.otp.wire.TokenReset;
import jp.shinkin.otp.wire.TokenSuspended;
import jp.shinkin.otp.wire.TransferRefused;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rules about one contract, on the contract's own partition of the event log (so its events
 * arrive in the order they happened): a burst of wrong codes, a transfer soon after a device
 * change or reset, a lock, a lost or stolen token, a transfer above the day's limit.
 */
final class ContractRulesProcessor implements Processor<String, SpecificRecord, String, FraudAlert> {
    private final FraudRules rules;
    private ProcessorContext<String, FraudAlert> context;
    private KeyValueStore<String, String> failures;
    private KeyValueStore<String, String> changes;

    ContractRulesProcessor(FraudRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, FraudAlert> context) {
        this.context = context;
        this.failures = context.getStateStore(FraudTopology.FAILURES_STORE);
        this.changes = context.getStateStore(FraudTopology.CHANGES_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String contractId = record.key();
        SpecificRecord event = record.value();
        long at = record.timestamp();
        if (event instanceof OtpRejected rejected) {
            wrongCode(contractId, rejected.getMetadata(), at);
        } else if (event instanceof DeviceChanged changed) {
            changes.put(contractId, FraudRules.TRANSFER_AFTER_DEVICE_CHANGE + "=" + at);
        } else if (event instanceof TokenReset reset) {
            changes.put(contractId, FraudRules.TRANSFER_AFTER_TOKEN_RESET + "=" + at);
        } else if (event instanceof OtpVerified verified && verified.getPurpose() == Purpose.TRANSFER) {
            transfer(contractId, verified, at);
        } else if (event instanceof ContractLocked locked) {
            emit(Alerts.of(FraudRules.CONTRACT_LOCKED, locked.getMetadata(), contractId, null, Instant.ofEpochMilli(at),
                    Instant.ofEpochMilli(at), 1, Map.of("reason", locked.getReason().name())), at);
        } else if (event instanceof TransferRefused refused) {
            // Once per contract and bank day: a session holder retrying must not flood the alerts.
            String key = "limit|" + contractId;
            if (refused.getDay().equals(changes.get(key))) {
                return;
            }
            changes.put(key, refused.getDay());
            emit(Alerts.of(FraudRules.TRANSFER_ABOVE_LIMIT, refused.getMetadata(), contractId, null, Instant.ofEpochMilli(at),
                    Instant.ofEpochMilli(at), 1, Map.of("amount", refused.getAmount(), "remaining", refused.getRemaining(),
                            "currency", refused.getCurrency(), "day", refused.getDay())), at);
        } else if (event instanceof TokenSuspended suspended && suspended.getReason() != SuspensionReason.UNINSTALLED) {
            emit(Alerts.of(FraudRules.TOKEN_LOST_OR_STOLEN, suspended.getMetadata(), contractId, null, Instant.ofEpochMilli(at),
                    Instant.ofEpochMilli(at), 1, Map.of("reason", suspended.getReason().name(), "tokenId", suspended.getTokenId(),
                            "operator", suspended.getOperator())), at);
        }
    }

    /** Fires once when the count within the window reaches the threshold, then not again until a window has passed. */
    private void wrongCode(String contractId, EventMetadata cause, long at) {
        RecentTimes recent = RecentTimes.parse(failures.get(contractId));
        long windowStart = at - rules.burstWindow().toMillis();
        recent.forgetUpTo(windowStart);
        recent.seen.put(cause.getEventId(), at);
        if (recent.seen.size() >= rules.burstCount() && recent.lastAlert <= windowStart) {
            recent.lastAlert = at;
            emit(Alerts.of(FraudRules.WRONG_CODE_BURST, cause, contractId, null, Instant.ofEpochMilli(recent.earliest()),
                    Instant.ofEpochMilli(at), recent.seen.size(), Map.of("window", rules.burstWindow().toString())), at);
        }
        failures.put(contractId, recent.format());
    }

    private void transfer(String contractId, OtpVerified verified, long at) {
        String change = changes.get(contractId);
        if (change == null) {
            return;
        }
        int eq = change.indexOf('=');
        String rule = change.substring(0, eq);
        long changedAt = Long.parseLong(change.substring(eq + 1));
        if (at >= changedAt && at - changedAt <= rules.afterChangeWindow().toMillis()) {
            emit(Alerts.of(rule, verified.getMetadata(), contractId, null, Instant.ofEpochMilli(changedAt), Instant.ofEpochMilli(at),
                    1, Map.of("tokenId", verified.getTokenId(), "secondsAfterChange", Long.toString((at - changedAt) / 1000))), at);
        } else if (at - changedAt > rules.afterChangeWindow().toMillis()) {
            changes.delete(contractId);
        }
    }

    private void emit(FraudAlert alert, long at) {
        context.forward(new Record<>(alert.getContractId(), alert, at));
    }
}
