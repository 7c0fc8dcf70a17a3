package jp.shinkin.otp.notifications;

import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

/**
 * Customer notices, a Kafka Streams application of its own (own application ID, so its own
 * consumer group and offsets) reading the audit log:
 * <pre>
 *   otp.events ─▶ notices (per contract: where notices go; per event: sent once) ─▶ SMTP relay
 * </pre>
 * It writes no topic: its only output is mail. Its stores (RocksDB, changelogged): the sealed
 * address and language per contract, and the IDs of the events already mailed.
 */
public final class NotificationTopology {

    private NotificationTopology() {
    }

    public static Topology build(String topicPrefix, Serde<SpecificRecord> wire, NoticeSettings settings) {
        Topology topology = new Topology();
        topology.addSource("audit-log", Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde(wire).deserializer(),
                Topics.EVENTS.nameIn(topicPrefix));
        topology.addProcessor("notices", () -> new NoticeProcessor(settings), "audit-log");
        topology.addStateStore(StateStores.NOTICE_CONTACTS.builder(true, wire), "notices");
        topology.addStateStore(StateStores.NOTICES_SENT.builder(true, wire), "notices");
        return topology;
    }
}
