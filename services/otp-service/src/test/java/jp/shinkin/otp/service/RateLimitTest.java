package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.Test;

/** E4290: token buckets per contract and per API key, with Retry-After, refilled by the (test's) clock. */
@PlatformTest
class RateLimitTest {
    @Test
    void perContractThenPerApiKey() throws Exception {
        try (TestPlatform slice = new TestPlatform()) {
            Map<String, Object> properties = slice.instance();
            properties.put("otp.rate-limits.per-contract.capacity", "3");
            properties.put("otp.rate-limits.per-contract.per-second", "1");
            properties.put("otp.rate-limits.per-api-key.capacity", "8");
            properties.put("otp.rate-limits.per-api-key.per-second", "1");
            try (ServiceInstance service = new ServiceInstance(properties, slice.clock)) {
                service.awaitHealthy();
                Banking bank = new Banking(service, slice);
                for (int i = 0; i < 3; i++) {
                    assertThat(bank.verify("RL-A", "123456", "LOGIN").code()).isEqualTo("E1004");
                }
                Banking.Answer limited = bank.verify("RL-A", "123456", "LOGIN");
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.code()).isEqualTo("E4290");
                assertThat(limited.raw().headers().firstValue("Retry-After")).contains("1");
                assertThat(limited.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(bank.login("RL-A", "whatever").code()).as("the flows share the contract's bucket").isEqualTo("E4290");

                slice.clock.advance(Duration.ofSeconds(1));
                assertThat(bank.verify("RL-A", "123456", "LOGIN").code()).as("refilled").isEqualTo("E1004");

                // The key had 8 and got 1 back: 6 spent so far, 3 left for other contracts.
                for (int i = 0; i < 3; i++) {
                    assertThat(bank.verify("RL-B" + i, "123456", "LOGIN").code()).isEqualTo("E1004");
                }
                Banking.Answer keyLimited = bank.verify("RL-C", "123456", "LOGIN");
                assertThat(keyLimited.status()).isEqualTo(429);
                assertThat(keyLimited.get("detail")).contains("API key");
                assertThat(bank.call("GET", "/v1/ops/topics", HttpCalls.OPERATIONS_KEY, "", null).status())
                        .as("each key has its own bucket").isEqualTo(200);

                // Wrong keys from one address: 401 while it may still try (20), then 429.
                int unauthorized = 0;
                Banking.Answer wrong;
                do {
                    wrong = bank.call("POST", "/v1/verifications", "guess-" + unauthorized, Map.of("contractId", "RL-E"), null);
                    unauthorized += wrong.status() == 401 ? 1 : 0;
                } while (wrong.status() == 401 && unauthorized < 100);
                assertThat(unauthorized).isEqualTo(20);
                assertThat(wrong.status()).isEqualTo(429);
                assertThat(wrong.get("detail")).contains("wrong credentials from this address");
                assertThat(bank.call("GET", "/v1/ops/topics", HttpCalls.OPERATIONS_KEY, "", null).status())
                        .as("a right key from the same address still works").isEqualTo(200);

                // Claiming to be an instance forwarding a request buys nothing: only a signed mark counts.
                String body = "{\"contractId\":\"RL-D\",\"otp\":\"123456\",\"purpose\":\"LOGIN\"}";
                long now = System.currentTimeMillis() / 1000;
                for (String claim : new String[] {"true", "v2." + now + ".forged", "v2." + now + "." + "A".repeat(43)}) {
                    assertThat(service.http().sendWithHeader("/v1/verifications", HttpCalls.CHANNEL_KEY, body,
                            "X-Otp-Forwarded", claim).statusCode()).as("X-Otp-Forwarded: " + claim).isEqualTo(429);
                }
                // Every one of those 429s is counted, the ones the key and rate filters gave themselves included.
                String metrics = bank.http().get("/v1/ops/metrics", HttpCalls.OPERATIONS_KEY).body();
                Matcher counted = Pattern
                        .compile("otp_rate_limited_total\\{route=\"verifications\"} ([0-9.]+)").matcher(metrics);
                assertThat(counted.find()).isTrue();
                assertThat(Double.parseDouble(counted.group(1))).isGreaterThanOrEqualTo(3);
            }
        }
    }
}
