package jp.shinkin.otp.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What goes on to the owner: the caller's method and path, query included, and the checked body. */
class RelayTest {

    @Test
    void aRelayKeepsTheCallersMethodAndPathWithTheCheckedBody() {
        Map<String, String> checked = Map.of("contractId", "C-0001", "otp", "123456");
        Relay relay = Relay.as(HttpRequest.POST("/v1/verifications?trace=1", "{\"raw\":true}"), checked);
        assertThat(relay.method()).isEqualTo("POST");
        assertThat(relay.path()).isEqualTo("/v1/verifications?trace=1");
        assertThat(relay.body()).as("the request as bound and checked, not the raw body").isSameAs(checked);
    }

    @Test
    void aReadGoesOnAsAGetWithItsQueryAndNoBody() {
        Relay relay = Relay.get(HttpRequest.GET("/v1/ops/contracts?status=locked&after=C-0001&limit=50"));
        assertThat(relay).isEqualTo(new Relay("GET", "/v1/ops/contracts?status=locked&after=C-0001&limit=50", null));
    }
}
