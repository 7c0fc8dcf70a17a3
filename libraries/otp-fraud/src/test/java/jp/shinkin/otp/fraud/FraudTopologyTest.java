package jp.shinkin.otp.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import jp.shinkin.otp.credentials.InMemoryRegistry;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.ContractLocked;
import jp.shinkin.otp.wire.DeviceChanged;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.FraudAlert;
import jp.shinkin.otp.wire.LockReason;
import jp.shinkin.otp.wire.OtpRejected;
import jp.shinkin.otp.wire.OtpVerified;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.RequestContext;
import jp.shinkin.otp.wire.SuspensionReason;
import jp.shinkin.otp.wire.TokenReset;
import jp.shinkin.otp.wire.TokenSuspended;
import jp.shinkin.otp.wire.TransferRefused;
import jp.shinkin.otp.wire.state.ContractWatch;
import jp.shinkin.otp.wire.state.FraudSightings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fraud rule, with event time set explicitly on each event; each has its negative case. */
class FraudTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final Serde<SpecificRecord> wire = InMemoryRegistry.serde();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> events;
    private TestOutputTopic<String, SpecificRecord> alerts;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fraud-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/fraud-test-" + UUID.randomUUID());
        driver = new TopologyTestDriver(FraudTopology.build("", FraudRules.DEFAULT, wire), props);
        events = driver.createInputTopic("otp.events", Serdes.String().serializer(), wire.serializer());
        alerts = driver.createOutputTopic("otp.fraud-alerts", Serdes.String().deserializer(), wire.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static EventMetadata meta() {
        String id = UUID.randomUUID().toString();
        return new EventMetadata(id, T0, id, new Actor(ActorType.CHANNEL, "test", null), id);
    }

    private void send(String contractId, SpecificRecord event, Duration at) {
        events.pipeInput(contractId, event, T0.plus(at));
    }

    private static OtpRejected wrong(String contractId, String ip, String device) {
        RequestContext ctx = ip == null && device == null ? null : new RequestContext(ip, device, null);
        return new OtpRejected(meta(), contractId, "SKMT00000001", Purpose.LOGIN, 1, ctx);
    }

    private static OtpVerified transfer(String contractId) {
        return new OtpVerified(meta(), contractId, "SKMT00000002", Purpose.TRANSFER, 1L, 0, "ab".repeat(32), null);
    }

    private List<FraudAlert> alerts() {
        return alerts.readValuesToList().stream().map(FraudAlert.class::cast).toList();
    }

    @Test
    void aBurstOfWrongCodesOnOneContractFiresOnceAtTheThreshold() {
        send("C-1", wrong("C-1", null, null), Duration.ZERO);
        send("C-1", wrong("C-1", null, null), Duration.ofMinutes(2));
        assertThat(alerts()).isEmpty();
        send("C-1", wrong("C-1", null, null), Duration.ofMinutes(4));
        List<FraudAlert> fired = alerts();
        assertThat(fired).singleElement().satisfies(a -> {
            assertThat(a.getRule()).isEqualTo(FraudRules.WRONG_CODE_BURST);
            assertThat(a.getContractId()).isEqualTo("C-1");
            assertThat(a.getCount()).isEqualTo(3);
            assertThat(a.getWindowStart()).isEqualTo(T0);
            assertThat(a.getWindowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
        });
        send("C-1", wrong("C-1", null, null), Duration.ofMinutes(4).plusSeconds(30));
        assertThat(alerts()).as("not again within the window").isEmpty();
    }

    @Test
    void wrongCodesSpreadWiderThanTheWindowAreNoBurst() {
        send("C-2", wrong("C-2", null, null), Duration.ZERO);
        send("C-2", wrong("C-2", null, null), Duration.ofMinutes(3));
        send("C-2", wrong("C-2", null, null), Duration.ofMinutes(6));
        send("C-2", wrong("C-2", null, null), Duration.ofMinutes(12));
        assertThat(alerts()).isEmpty();
        send("C-3", wrong("C-3", null, null), Duration.ZERO);
        send("C-4", wrong("C-4", null, null), Duration.ZERO);
        send("C-5", wrong("C-5", null, null), Duration.ZERO);
        assertThat(alerts()).as("three contracts, one each, without a source").isEmpty();
    }

    @Test
    void oneSourceFailingOnManyContractsFires() {
        for (int i = 0; i < 4; i++) {
            send("S-" + i, wrong("S-" + i, "198.51.100.7", null), Duration.ofMinutes(2L * i));
        }
        assertThat(alerts()).isEmpty();
        send("S-4", wrong("S-4", "198.51.100.7", null), Duration.ofMinutes(9));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getRule()).isEqualTo(FraudRules.MANY_CONTRACTS_ONE_SOURCE);
            assertThat(a.getSource()).isEqualTo("ip:198.51.100.7");
            assertThat(a.getContractId()).isNull();
            assertThat(a.getCount()).isEqualTo(5);
        });
    }

    @Test
    void manyContractsFromOneSourceSlowerThanTheWindowOrFromDifferentSourcesDoNotFire() {
        for (int i = 0; i < 5; i++) {
            send("L-" + i, wrong("L-" + i, "203.0.113.9", null), Duration.ofMinutes(3L * i));
        }
        for (int i = 0; i < 5; i++) {
            send("D-" + i, wrong("D-" + i, "203.0.113.10", "device-" + i), Duration.ofMinutes(i));
        }
        for (int i = 0; i < 4; i++) {
            send("R-" + i, wrong("R-" + i, "203.0.113.11", null), Duration.ofMinutes(i));
            send("R-" + i, wrong("R-" + i, "203.0.113.11", null), Duration.ofMinutes(i).plusSeconds(10));
        }
        assertThat(alerts()).as("12 min apart; five devices; four contracts twice each").isEmpty();
    }

    @Test
    void aTransferSoonAfterADeviceChangeOrAResetFires() {
        send("T-1", new DeviceChanged(meta(), "T-1", "SKMT00000001", "SKMT00000002"), Duration.ZERO);
        send("T-1", transfer("T-1"), Duration.ofMinutes(9));
        send("T-2", new TokenReset(meta(), "T-2", "SKMT00000003", "ops-1", "broken", "approver-1"), Duration.ZERO);
        send("T-2", transfer("T-2"), Duration.ofMinutes(10));
        assertThat(alerts()).extracting(FraudAlert::getRule, FraudAlert::getContractId).containsExactly(
                Tuple.tuple(FraudRules.TRANSFER_AFTER_DEVICE_CHANGE, "T-1"),
                Tuple.tuple(FraudRules.TRANSFER_AFTER_TOKEN_RESET, "T-2"));
    }

    @Test
    void aTransferLaterThanTheWindowOrWithoutAChangeDoesNotFire() {
        send("N-1", new DeviceChanged(meta(), "N-1", "SKMT00000001", "SKMT00000002"), Duration.ZERO);
        send("N-1", transfer("N-1"), Duration.ofMinutes(10).plusSeconds(1));
        send("N-2", transfer("N-2"), Duration.ZERO);
        send("N-3", new DeviceChanged(meta(), "N-3", "SKMT00000001", "SKMT00000002"), Duration.ZERO);
        send("N-3", new OtpVerified(meta(), "N-3", "SKMT00000002", Purpose.LOGIN, 1L, 0, null, null), Duration.ofMinutes(1));
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aLockAndALostOrStolenTokenFireButAnUninstalledOneDoesNot() {
        send("K-1", new ContractLocked(meta(), "K-1", LockReason.OTP_FAILURES), Duration.ZERO);
        send("K-2", new TokenSuspended(meta(), "K-2", "SKMT00000005", SuspensionReason.LOST, "ops-2"), Duration.ZERO);
        send("K-3", new TokenSuspended(meta(), "K-3", "SKMT00000006", SuspensionReason.STOLEN, "ops-2"), Duration.ZERO);
        send("K-4", new TokenSuspended(meta(), "K-4", "SKMT00000007", SuspensionReason.UNINSTALLED, "ops-2"), Duration.ZERO);
        List<FraudAlert> fired = alerts();
        assertThat(fired).extracting(FraudAlert::getRule).containsExactly(FraudRules.CONTRACT_LOCKED,
                FraudRules.TOKEN_LOST_OR_STOLEN, FraudRules.TOKEN_LOST_OR_STOLEN);
        assertThat(fired.get(1).getDetails()).containsEntry("reason", "LOST").containsEntry("operator", "ops-2");
    }

    @Test
    void aTransferAboveTheDailyLimitFires() {
        send("L-1", new TransferRefused(meta(), "L-1", "1000000", "JPY", "250000", "2026-11-22"), Duration.ZERO);
        send("L-1", new TransferRefused(meta(), "L-1", "900000", "JPY", "250000", "2026-11-22"),
                Duration.ofMinutes(1));
        send("L-1", new TransferRefused(meta(), "L-1", "900000", "JPY", "300000", "2026-11-23"),
                Duration.ofDays(1));
        List<FraudAlert> fired = alerts();
        assertThat(fired).as("once per contract and bank day").hasSize(2)
                .allSatisfy(a -> assertThat(a.getRule()).isEqualTo(FraudRules.TRANSFER_ABOVE_LIMIT));
        assertThat(fired.get(0).getDetails()).containsEntry("amount", "1000000").containsEntry("remaining", "250000");
    }

    @Test
    void theRulesRememberInAvroRecordsAndAnExpiredChangeKeepsTheDaysLimitAlert() {
        send("W-1", wrong("W-1", null, "phone-7"), Duration.ZERO);
        send("W-1", new TransferRefused(meta(), "W-1", "1000000", "JPY", "250000", "2026-11-22"), Duration.ZERO);
        send("W-1", new DeviceChanged(meta(), "W-1", "SKMT00000001", "SKMT00000002"), Duration.ZERO);
        FraudSightings failures = (FraudSightings) driver.getKeyValueStore(StateStores.FRAUD_CONTRACT_SIGHTINGS.name()).get("W-1");
        assertThat(failures.getLastSeen()).hasSize(1).containsValue(T0.toEpochMilli());
        assertThat(failures.getLastAlertAt()).isNull();
        FraudSightings source = (FraudSightings) driver.getKeyValueStore(StateStores.FRAUD_SOURCE_SIGHTINGS.name()).get("device:phone-7");
        assertThat(source.getLastSeen()).containsEntry("W-1", T0.toEpochMilli());
        ContractWatch watch = (ContractWatch) driver.getKeyValueStore(StateStores.FRAUD_CONTRACT_WATCH.name()).get("W-1");
        assertThat(watch.getChangeRule()).isEqualTo(FraudRules.TRANSFER_AFTER_DEVICE_CHANGE);
        assertThat(watch.getLimitAlertDay()).isEqualTo("2026-11-22");

        send("W-1", transfer("W-1"), Duration.ofMinutes(11)); // the change is past its window: forgotten
        ContractWatch after = (ContractWatch) driver.getKeyValueStore(StateStores.FRAUD_CONTRACT_WATCH.name()).get("W-1");
        assertThat(after.getChangeRule()).isNull();
        send("W-1", new TransferRefused(meta(), "W-1", "900000", "JPY", "250000", "2026-11-22"), Duration.ofMinutes(12));
        assertThat(alerts()).extracting(FraudAlert::getRule).as("the day's limit alert is not repeated")
                .containsExactly(FraudRules.TRANSFER_ABOVE_LIMIT);
    }

    @Test
    void reprocessingTheSameEventGivesTheSameAlertId() {
        ContractLocked locked = new ContractLocked(meta(), "I-1", LockReason.PASSWORD_FAILURES);
        send("I-1", locked, Duration.ZERO);
        send("I-1", locked, Duration.ZERO);
        List<FraudAlert> fired = alerts();
        assertThat(fired).hasSize(2);
        assertThat(fired.get(0).getAlertId()).isEqualTo(fired.get(1).getAlertId());
    }
}
