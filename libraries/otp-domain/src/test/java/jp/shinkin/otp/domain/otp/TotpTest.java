package jp.shinkin.otp.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    private static byte[] seedFor(HmacAlgorithm algorithm) {
        String seed = switch (algorithm) {
            case SHA1 -> "12345678901234567890";
            case SHA256 -> "12345678901234567890123456789012";
            case SHA512 -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
        return seed.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 6238 Appendix B, all three algorithms, 8 digits, 30-s steps. */
    @ParameterizedTest(name = "{1} at {0} -> {2}")
    @CsvSource({
        "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
        "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
        "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
        "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
        "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
        "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826"
    })
    void rfc6238AppendixB(long epochSeconds, HmacAlgorithm algorithm, String expected) {
        TotpParameters parameters = new TotpParameters(algorithm, 8, 30);
        assertThat(Totp.codeAt(seedFor(algorithm), Instant.ofEpochSecond(epochSeconds), parameters)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "29, 0", "30, 1", "59, 1", "1111111109, 37037036", "-1, -1"})
    void stepIsFloorOfTimeOverPeriod(long epochSeconds, long step) {
        assertThat(TotpParameters.DEFAULT.stepAt(Instant.ofEpochSecond(epochSeconds))).isEqualTo(step);
    }
}
