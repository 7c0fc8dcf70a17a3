package jp.shinkin.otp.service.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Where a request runs, from who owns its contract now — the seam's routing rule without a broker. */
class RouteTest {
    private static final Predicate<String> LOCAL = "otp-1:8080"::equals;

    @Test
    void aClientsRequestRunsOnTheOwnerWhereverThatIs() {
        assertThat(Route.of(false, Optional.of("otp-1:8080"), LOCAL)).isEqualTo(new Route.Here());
        assertThat(Route.of(false, Optional.of("otp-2:8080"), LOCAL)).isEqualTo(new Route.There("otp-2:8080"));
        assertThat(Route.of(false, Optional.empty(), LOCAL)).as("a rebalance past the deadline").isEqualTo(new Route.Nobody());
    }

    @Test
    void aPeersForwardRunsHereUnlessTheContractMovedAndIsNeverForwardedOn() {
        assertThat(Route.of(true, Optional.of("otp-1:8080"), LOCAL)).isEqualTo(new Route.Here());
        assertThat(Route.of(true, Optional.empty(), LOCAL)).as("metadata not yet known here: trust the peer")
                .isEqualTo(new Route.Here());
        assertThat(Route.of(true, Optional.of("otp-3:8080"), LOCAL)).as("moved since: no bounce, E5030")
                .isEqualTo(new Route.Nobody());
    }
}
