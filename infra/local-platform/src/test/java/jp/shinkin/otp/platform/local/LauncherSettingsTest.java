package jp.shinkin.otp.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {
    @Test
    void oneBrokerUnlessToldThree() {
        assertThat(LauncherSettings.from(new String[0], Map.of()).brokers()).isEqualTo(1);
        assertThat(LauncherSettings.from(new String[] {"--brokers=3"}, Map.of()).brokers()).isEqualTo(3);
        assertThat(LauncherSettings.from(new String[0], Map.of("OTP_KAFKA_BROKERS", "3")).brokers()).isEqualTo(3);
        assertThat(LauncherSettings.from(new String[] {"--brokers=1"}, Map.of("OTP_KAFKA_BROKERS", "3")).brokers())
                .as("the flag wins").isEqualTo(1);
    }

    @Test
    void anotherNumberOfBrokersIsAUsageError() {
        assertThatThrownBy(() -> LauncherSettings.from(new String[] {"--brokers=2"}, Map.of()))
                .isInstanceOf(LauncherSettings.UsageException.class).hasMessageContaining("must be 1 or 3, was '2'");
    }

    @Test
    void theNodesListenTwoPortsApartSoTheDefaultsInterleave() {
        assertThat(new int[] {KraftCluster.port(9092, 1), KraftCluster.port(9093, 1), KraftCluster.port(9092, 2),
            KraftCluster.port(9093, 2), KraftCluster.port(9092, 3), KraftCluster.port(9093, 3)})
                .containsExactly(9092, 9093, 9094, 9095, 9096, 9097);
    }

    @Test
    void theUsageNamesTheFlag() {
        assertThatThrownBy(() -> LauncherSettings.from(new String[] {"--help"}, Map.of()))
                .hasMessageContaining("--brokers=1|3").hasMessageContaining("OTP_KAFKA_BROKERS");
    }

    @Test
    void threeNodesNeedRoomForTheirPorts() {
        assertThat(LauncherSettings.from(new String[] {"--brokers=3", "--kafka-port=65527", "--kafka-controller-port=65526"},
                Map.of()).kafkaPort()).isEqualTo(65527);
        assertThatThrownBy(() -> LauncherSettings.from(new String[] {"--brokers=3", "--kafka-port=65533"}, Map.of()))
                .isInstanceOf(LauncherSettings.UsageException.class).hasMessageContaining("at most 65531");
    }

    @Test
    void theRestartDelayIsSecondsWithinAnHour() {
        assertThat(LauncherSettings.from(new String[0], Map.of()).brokerRestartDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(LauncherSettings.from(new String[0], Map.of("OTP_KAFKA_RESTART_DELAY", "40")).brokerRestartDelay())
                .isEqualTo(Duration.ofSeconds(40));
        assertThatThrownBy(() -> LauncherSettings.from(new String[] {"--broker-restart-delay=-1"}, Map.of()))
                .hasMessageContaining("number of seconds (0-3600)");
    }
}
