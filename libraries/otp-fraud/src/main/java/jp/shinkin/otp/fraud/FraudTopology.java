package jp.shinkin.otp.fraud;

import java.util.Optional;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.FraudAlert;
import jp.shinkin.otp.wire.OtpRejected;
import jp.shinkin.otp.wire.RequestContext;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Fraud analytics, a Kafka Streams application of its own (own application ID, own consumer
 * group) reading the audit log:
 * <pre>
 *   otp.events ─┬─▶ rules per contract (burst, transfer after change, lock, lost/stolen) ─┐
 *               └─▶ wrong codes re-keyed by source ─▶ rules per source (many contracts) ──┴─▶ otp.fraud-alerts
 * </pre>
 * Event time throughout (the record timestamp the credential topology wrote).
 */
public final class FraudTopology {

    private FraudTopology() {
    }

    public static Topology build(String topicPrefix, FraudRules rules, Serde<SpecificRecord> wire) {
        StreamsBuilder builder = new StreamsBuilder();
        // The stores hold Avro records since 2026-11-30, under names apart from the text-valued stores
        // of before (fraud-contract-failures, …): an upgrade starts afresh instead of misreading them —
        // at most ten minutes of sightings are forgotten, and a limit alert already sent that day may
        // come once more. The old stores' changelog topics are left for operations to delete.
        builder.addStateStore(StateStores.FRAUD_CONTRACT_SIGHTINGS.builder(true, wire));
        builder.addStateStore(StateStores.FRAUD_CONTRACT_WATCH.builder(true, wire));
        builder.addStateStore(StateStores.FRAUD_SOURCE_SIGHTINGS.builder(true, wire));
        Topic<String, FraudAlert> alertTopic = Topics.FRAUD_ALERTS;
        Produced<String, FraudAlert> toAlerts = Produced.with(alertTopic.keySerde(), alertTopic.valueSerde(wire));

        KStream<String, SpecificRecord> events = builder.stream(Topics.EVENTS.nameIn(topicPrefix),
                Consumed.with(Topics.EVENTS.keySerde(), Topics.EVENTS.valueSerde(wire)).withName("audit-log"));
        events.filter((contractId, event) -> event != null)
                .process(() -> new ContractRulesProcessor(rules), StateStores.FRAUD_CONTRACT_SIGHTINGS.name(),
                        StateStores.FRAUD_CONTRACT_WATCH.name())
                .to(alertTopic.nameIn(topicPrefix), toAlerts);
        events.filter((contractId, event) -> event instanceof OtpRejected r && source(r).isPresent())
                .selectKey((contractId, event) -> source((OtpRejected) event).orElseThrow())
                .repartition(Repartitioned.with(Serdes.String(), wire).withName("wrong-codes-by-source"))
                .process(() -> new SourceRulesProcessor(rules), StateStores.FRAUD_SOURCE_SIGHTINGS.name())
                .to(alertTopic.nameIn(topicPrefix), toAlerts);
        return builder.build();
    }

    /** The device ID when the channel gave one (it outlives IP changes), else the client IP. */
    static Optional<String> source(OtpRejected rejected) {
        RequestContext ctx = rejected.getContext();
        if (ctx == null) {
            return Optional.empty();
        }
        if (ctx.getDeviceId() != null && !ctx.getDeviceId().isBlank()) {
            return Optional.of("device:" + ctx.getDeviceId());
        }
        return ctx.getClientIp() == null || ctx.getClientIp().isBlank() ? Optional.empty() : Optional.of("ip:" + ctx.getClientIp());
    }
}
