package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The manuals' app keeps its token ID for life, and stop and registration are "possible at any
 * time": a stop unbinds the token, the same app registers again. Fifty stop → re-register cycles
 * in a row on the real broker, each registration at once after its stop, every one usable (the
 * next stop is itself a verified code); the stop's own code never registers the token again; a
 * token the bank retired (suspension) is refused to everyone, its last owner included.
 */
class ReRegistrationTest extends OneInstanceTest {
    private static final String PASSWORD = "Again-Pass-5";

    @Override
    Map<String, Object> properties(TestPlatform platform) {
        return platform.instanceWithCheapPasswords();
    }

    @Test
    void fiftyStopAndReRegisterCyclesInARowEveryOneUsable() throws Exception {
        Banking.Token token = bank.registered("RR-1", PASSWORD);
        for (int cycle = 1; cycle <= 50; cycle++) {
            Banking.Answer stop = bank.startStop("RR-1", PASSWORD);
            String stopCode = bank.code(token);
            assertThat(bank.completeStop(stop.get("stopId"), stopCode).code()).as("stop %d", cycle).isEqualTo("00002");
            if (cycle == 1) {
                assertThat(bank.register("RR-1", PASSWORD, token).code()).as("the stop's own code, shown again").isEqualTo("E1008");
            }
            slice.clock.advance(STEP);
            assertThat(bank.register("RR-1", PASSWORD, token).code()).as("registration %d", cycle).isEqualTo("00001");
            slice.clock.advance(STEP);
        }
        assertThat(bank.verify("RR-1", bank.code(token), "LOGIN").code()).isEqualTo("00000");
        assertThat(bank.state("RR-1").body()).extractingByKey("token").asString().contains("ACTIVE").contains(token.tokenId());
    }

    @Test
    void aStopThatRetiresTheTokenLetsNobodyRegisterItAgain() throws Exception {
        Banking.Token token = bank.registered("RR-5", PASSWORD);
        Banking.Answer stop = bank.startStop("RR-5", PASSWORD);
        Banking.Answer stopped = bank.call("POST", "/v1/otp/stops/" + stop.get("stopId") + "/complete", HttpCalls.CHANNEL_KEY,
                Map.of("otp", bank.code(token), "retire", true), null);
        assertThat(stopped.code()).isEqualTo("00002");
        slice.clock.advance(STEP);
        assertThat(bank.register("RR-5", PASSWORD, token).code()).as("its last owner").isEqualTo("E1005");
        assertThat(bank.open("RR-6", PASSWORD).status()).isEqualTo(201);
        assertThat(bank.register("RR-6", PASSWORD, token).code()).as("anyone else").isEqualTo("E1005");
        assertThat(bank.events("RR-5").list("events")).anySatisfy(e -> assertThat(e)
                .containsEntry("type", "TokenStopped").containsEntry("retired", true));
    }

    @Test
    void aStoppedTokenMayGoToAnotherContractButARetiredOneToNobody() throws Exception {
        Banking.Token token = bank.registered("RR-2", PASSWORD);
        Banking.Answer stop = bank.startStop("RR-2", PASSWORD);
        assertThat(bank.completeStop(stop.get("stopId"), bank.code(token)).code()).isEqualTo("00002");
        slice.clock.advance(STEP);
        assertThat(bank.open("RR-3", PASSWORD).status()).isEqualTo(201);
        assertThat(bank.register("RR-3", PASSWORD, token).code()).as("the customer's new contract, same app").isEqualTo("00001");
        slice.clock.advance(STEP);

        assertThat(bank.ops("token-suspension", "RR-3", Map.of("reason", "UNINSTALLED")).code()).isEqualTo("00000");
        assertThat(bank.open("RR-4", PASSWORD).status()).isEqualTo(201);
        // At once: the retirement reaches the token-ID writer before any later claim, shredded key seen or not.
        assertThat(bank.register("RR-4", PASSWORD, token).code()).isEqualTo("E1005");
        slice.clock.advance(STEP);
        assertThat(bank.register("RR-4", PASSWORD, token).code()).isEqualTo("E1005");
    }
}
