package jp.shinkin.otp.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topics a bank's service refuses to start on outside the dev profile. */
class BrokerSafetyTest {
    @Test
    void topicsThatMayLoseAnAcknowledgedWriteAreNamed() {
        var problems = BrokerSafety.problems(Map.of("otp.commands", 3, "otp.events", 1, "otp.tokens", 3),
                Map.of("otp.commands", 2, "otp.events", 1, "otp.tokens", 1));
        assertThat(problems).containsExactly("otp.events has 1 replica(s) and min.insync.replicas 1 (at least 3 and 2)",
                "otp.tokens has 3 replica(s) and min.insync.replicas 1 (at least 3 and 2)");
    }
}
