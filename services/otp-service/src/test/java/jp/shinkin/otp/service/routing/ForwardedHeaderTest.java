package jp.shinkin.otp.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The forwarding mark must be unforgeable and short-lived. It reads the wall clock itself, so
 * marks of other ages are made here from the format its documentation gives, with margins wide
 * enough that the second ticking during the test cannot change an answer.
 */
class ForwardedHeaderTest {
    private static final String PATH = "/v1/contracts/C-0001/verify";

    private final byte[] key = randomKey();
    private final ForwardedHeader header = new ForwardedHeader(Base64.getEncoder().encodeToString(key));

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static HttpRequest<?> arriving(String pathAndQuery, String mark) {
        MutableHttpRequest<Object> request = HttpRequest.GET(pathAndQuery);
        if (mark != null) {
            request.header(ForwardedHeader.NAME, mark);
        }
        return request;
    }

    /** {@code v2.<seconds>.<HMAC-SHA256(key, seconds + "\n" + GET + "\n" + path)>}, base64url without padding. */
    private static String mark(byte[] key, long seconds, String path) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] tag = mac.doFinal((seconds + "\nGET\n" + path).getBytes(StandardCharsets.UTF_8));
        return "v2." + seconds + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aMarkSignedWithTheClusterKeyVerifiesOnItsPath() {
        assertThat(header.isValid(arriving(PATH, header.sign("GET", PATH)))).isTrue();
        assertThat(header.isValid(arriving("/v1/ops/contracts?status=locked&after=C-1",
                header.sign("GET", "/v1/ops/contracts?status=locked&after=C-1")))).as("a path with a query").isTrue();
    }

    @Test
    void aMarkIsBoundToItsPath() {
        assertThat(header.isValid(arriving("/v1/contracts/C-0002/verify", header.sign("GET", PATH)))).isFalse();
    }

    @Test
    void aMarkIsBoundToItsMethodAndItsQuery() {
        String page = "/v1/ops/contracts?status=locked&local=true&limit=50";
        assertThat(header.isValid(arriving(page, header.sign("POST", page)))).as("a POST's mark on a GET").isFalse();
        assertThat(header.isValid(arriving("/v1/ops/contracts?status=suspended&local=true&limit=50", header.sign("GET", page))))
                .as("another query").isFalse();
        assertThat(header.isValid(arriving("/v1/ops/contracts", header.sign("GET", page)))).as("the query dropped").isFalse();
    }

    @Test
    void aMarkSignedWithAnotherKeyIsRefused() {
        ForwardedHeader otherCluster = new ForwardedHeader(Base64.getEncoder().encodeToString(randomKey()));
        assertThat(header.isValid(arriving(PATH, otherCluster.sign("GET", PATH)))).isFalse();
    }

    @Test
    void aTamperedMarkIsRefused() {
        String mark = header.sign("GET", PATH);
        char last = mark.charAt(mark.length() - 1);
        String otherTag = mark.substring(0, mark.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(header.isValid(arriving(PATH, otherTag))).isFalse();

        String[] parts = mark.split("\\.");
        String otherTime = "v2." + (Long.parseLong(parts[1]) - 1) + "." + parts[2];
        assertThat(header.isValid(arriving(PATH, otherTime))).as("the time is signed too").isFalse();
    }

    @Test
    void onlyAMarkFromTheLastOrNextThirtySecondsIsAccepted() throws Exception {
        long now = nowSeconds();
        // Guards the test's own signing: a fresh mark made here must be accepted.
        assertThat(header.isValid(arriving(PATH, mark(key, now, PATH)))).isTrue();
        assertThat(header.isValid(arriving(PATH, mark(key, now - 10, PATH)))).isTrue();
        assertThat(header.isValid(arriving(PATH, mark(key, now + 10, PATH)))).as("a peer's clock slightly ahead").isTrue();

        assertThat(header.isValid(arriving(PATH, mark(key, now - 120, PATH)))).as("replayed two minutes later").isFalse();
        assertThat(header.isValid(arriving(PATH, mark(key, now + 120, PATH)))).as("dated in the future").isFalse();
    }

    @Test
    void aClientsOwnClaimOrAMalformedMarkIsRefused() throws Exception {
        long now = nowSeconds();
        String good = mark(key, now, PATH);
        String tag = good.substring(good.lastIndexOf('.') + 1);

        assertThat(header.isValid(arriving(PATH, null))).as("no mark").isFalse();
        assertThat(header.isValid(arriving(PATH, "true"))).isFalse();
        assertThat(header.isValid(arriving(PATH, "v2." + now))).as("no tag").isFalse();
        assertThat(header.isValid(arriving(PATH, "v1." + now + "." + tag))).as("another version").isFalse();
        assertThat(header.isValid(arriving(PATH, "v2.soon." + tag))).as("a time that is no number").isFalse();
        assertThat(header.isValid(arriving(PATH, good + ".extra"))).isFalse();
    }

    @Test
    void aClusterKeyIsBase64OfAtLeast32Bytes() {
        assertThatThrownBy(() -> new ForwardedHeader(Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new ForwardedHeader("not base64!")).isInstanceOf(IllegalArgumentException.class);

        // A key read from a file or an environment variable often ends in a newline.
        String padded = Base64.getEncoder().encodeToString(key) + "\n";
        assertThat(header.isValid(arriving(PATH, new ForwardedHeader(padded).sign("GET", PATH)))).isTrue();
    }
}
