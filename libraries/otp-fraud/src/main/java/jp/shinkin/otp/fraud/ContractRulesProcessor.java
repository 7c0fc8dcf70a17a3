package jp.shinkin.otp.fraud;

import java.time.Instant;
import java.util.Map;
import jp.shinkin.otp.messaging.StateStores;
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
import jp.shinkin.otp.wire.state.ContractWatch;
import jp.shinkin.otp.wire.state.FraudSightings;
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
    private KeyValueStore<String, FraudSightings> failures;
    private KeyValueStore<String, ContractWatch> watches;

    ContractRulesProcessor(FraudRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, FraudAlert> context) {
        this.context = context;
        this.failures = StateStores.FRAUD_CONTRACT_SIGHTINGS.in(context);
        this.watches = StateStores.FRAUD_CONTRACT_WATCH.in(context);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String contractId = record.key();
        SpecificRecord event = record.value();
        long at = record.timestamp();
        if (event instanceof OtpRejected rejected) {
            wrongCode(contractId, rejected.getMetadata(), at);
        } else if (event instanceof DeviceChanged changed) {
            changed(contractId, FraudRules.TRANSFER_AFTER_DEVICE_CHANGE, at);
        } else if (event instanceof TokenReset reset) {
            changed(contractId, FraudRules.TRANSFER_AFTER_TOKEN_RESET, at);
        } else if (event instanceof OtpVerified verified && verified.getPurpose() == Purpose.TRANSFER) {
            transfer(contractId, verified, at);
        } else if (event instanceof ContractLocked locked) {
            emit(Alerts.of(FraudRules.CONTRACT_LOCKED, locked.getMetadata(), contractId, null, Instant.ofEpochMilli(at),
                    Instant.ofEpochMilli(at), 1, Map.of("reason", locked.getReason().name())), at);
        } else if (event instanceof TransferRefused refused) {
            // Once per contract and bank day: a session holder retrying must not flood the alerts.
            ContractWatch watch = watchOf(contractId);
            if (refused.getDay().equals(watch.getLimitAlertDay())) {
                return;
            }
            watches.put(contractId, new ContractWatch(watch.getChangeRule(), watch.getChangedAt(), refused.getDay()));
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
        RecentTimes recent = RecentTimes.of(failures.get(contractId));
        long windowStart = at - rules.burstWindow().toMillis();
        recent.forgetUpTo(windowStart);
        recent.seen.put(cause.getEventId(), at);
        if (recent.seen.size() >= rules.burstCount() && recent.lastAlert <= windowStart) {
            recent.lastAlert = at;
            emit(Alerts.of(FraudRules.WRONG_CODE_BURST, cause, contractId, null, Instant.ofEpochMilli(recent.earliest()),
                    Instant.ofEpochMilli(at), recent.seen.size(), Map.of("window", rules.burstWindow().toString())), at);
        }
        failures.put(contractId, recent.stored());
    }

    private void transfer(String contractId, OtpVerified verified, long at) {
        ContractWatch watch = watches.get(contractId);
        if (watch == null || watch.getChangeRule() == null) {
            return;
        }
        long changedAt = watch.getChangedAt();
        if (at >= changedAt && at - changedAt <= rules.afterChangeWindow().toMillis()) {
            emit(Alerts.of(watch.getChangeRule(), verified.getMetadata(), contractId, null, Instant.ofEpochMilli(changedAt),
                    Instant.ofEpochMilli(at), 1,
                    Map.of("tokenId", verified.getTokenId(), "secondsAfterChange", Long.toString((at - changedAt) / 1000))), at);
        } else if (at - changedAt > rules.afterChangeWindow().toMillis()) {
            if (watch.getLimitAlertDay() == null) {
                watches.delete(contractId);
            } else {
                watches.put(contractId, new ContractWatch(null, null, watch.getLimitAlertDay()));
            }
        }
    }

    private void changed(String contractId, String rule, long at) {
        watches.put(contractId, new ContractWatch(rule, at, watchOf(contractId).getLimitAlertDay()));
    }

    private ContractWatch watchOf(String contractId) {
        ContractWatch watch = watches.get(contractId);
        return watch == null ? new ContractWatch(null, null, null) : watch;
    }

    private void emit(FraudAlert alert, long at) {
        context.forward(new Record<>(alert.getContractId(), alert, at));
    }
}
