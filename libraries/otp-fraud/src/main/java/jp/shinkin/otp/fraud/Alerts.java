package jp.shinkin.otp.fraud;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.FraudAlert;

/** Builds alerts. The alert ID derives from the triggering event, so re-processing yields the same alert. */
final class Alerts {
    private static final Actor ANALYTICS = new Actor(ActorType.SYSTEM, "fraud-analytics", null);

    private Alerts() {
    }

    static FraudAlert of(String rule, EventMetadata cause, String contractId, String source, Instant windowStart,
                         Instant windowEnd, int count, Map<String, String> details) {
        String alertId = UUID.nameUUIDFromBytes((cause.getEventId() + "/alert/" + rule).getBytes(StandardCharsets.UTF_8)).toString();
        EventMetadata metadata = EventMetadata.newBuilder().setEventId(alertId).setOccurredAt(windowEnd)
                .setCorrelationId(cause.getCorrelationId()).setActor(ANALYTICS).setCausationId(cause.getEventId()).build();
        return FraudAlert.newBuilder().setMetadata(metadata).setAlertId(alertId).setRule(rule).setContractId(contractId)
                .setSource(source).setWindowStart(windowStart).setWindowEnd(windowEnd).setCount(count).setDetails(details).build();
    }
}
