package jp.shinkin.otp.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which calls the pages may relay: the customer flows, nothing else of the API. */
class WebChannelRoutesTest {

    @Test
    void theCustomerFlowsAreRelayed() {
        assertThat(WebChannelRoutes.allowed("POST", "sessions")).isTrue();
        assertThat(WebChannelRoutes.allowed("POST", "sessions/challenges/ch-1")).isTrue();
        assertThat(WebChannelRoutes.allowed("POST", "otp/registrations/reg-7/complete")).isTrue();
        assertThat(WebChannelRoutes.allowed("POST", "otp/stops/st-1/complete")).isTrue();
        assertThat(WebChannelRoutes.allowed("POST", "transfers/authorizations")).isTrue();
        assertThat(WebChannelRoutes.allowed("GET", "contracts/C-1/settings")).isTrue();
        assertThat(WebChannelRoutes.allowed("PUT", "contracts/C-1/transfer-limit")).isTrue();
    }

    @Test
    void theRestOfTheApiIsOutOfReach() {
        assertThat(WebChannelRoutes.allowed("GET", "ops/contracts")).isFalse();
        assertThat(WebChannelRoutes.allowed("POST", "tokens")).isFalse();
        assertThat(WebChannelRoutes.allowed("POST", "verifications")).isFalse();
        assertThat(WebChannelRoutes.allowed("POST", "sessions/../ops/alerts")).isFalse();
        assertThat(WebChannelRoutes.allowed("PUT", "sessions")).as("a known path with another method").isFalse();
        assertThat(WebChannelRoutes.allowed("DELETE", "sessions")).as("logout has its own endpoint").isFalse();
        assertThat(WebChannelRoutes.allowed("GET", "contracts/C 1/settings")).isFalse();
        assertThat(WebChannelRoutes.allowed("GET", null)).isFalse();
    }

    @Test
    void onlyTheCallsFraudAnalyticsWatchCarryTheClientsContext() {
        assertThat(WebChannelRoutes.carriesContext("sessions/challenges/ch-1")).isTrue();
        assertThat(WebChannelRoutes.carriesContext("transfers/authorizations")).isTrue();
        assertThat(WebChannelRoutes.carriesContext("sessions")).isFalse();
    }
}
