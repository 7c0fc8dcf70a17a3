package jp.shinkin.otp.fraud;

import java.time.Instant;
import java.util.Map;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.wire.FraudAlert;
import jp.shinkin.otp.wire.OtpRejected;
import jp.shinkin.otp.wire.state.FraudSightings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Wrong codes re-keyed by their source (the client IP or device ID the channel supplied): one
 * source failing on many contracts within the window is a credential-stuffing pattern that no
 * single contract's counter sees. Events of different contracts arrive interleaved here, so only
 * the members seen within the window ending at each event's own time are counted.
 */
final class SourceRulesProcessor implements Processor<String, SpecificRecord, String, FraudAlert> {
    private final FraudRules rules;
    private ProcessorContext<String, FraudAlert> context;
    private KeyValueStore<String, FraudSightings> sources;

    SourceRulesProcessor(FraudRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, FraudAlert> context) {
        this.context = context;
        this.sources = StateStores.FRAUD_SOURCE_SIGHTINGS.in(context);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        OtpRejected rejected = (OtpRejected) record.value();
        String source = record.key();
        long at = record.timestamp();
        long windowStart = at - rules.sourceWindow().toMillis();
        RecentTimes recent = RecentTimes.of(sources.get(source));
        recent.seen.merge(rejected.getContractId(), at, Math::max);
        recent.forgetUpTo(windowStart - rules.sourceWindow().toMillis());
        long inWindow = recent.seen.values().stream().filter(t -> t > windowStart && t <= at).count();
        if (inWindow >= rules.sourceContracts() && recent.lastAlert <= windowStart) {
            recent.lastAlert = at;
            FraudAlert alert = Alerts.of(FraudRules.MANY_CONTRACTS_ONE_SOURCE, rejected.getMetadata(), null, source,
                    Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(at), (int) inWindow,
                    Map.of("window", rules.sourceWindow().toString()));
            context.forward(new Record<>(source, alert, at));
        }
        sources.put(source, recent.stored());
    }
}
