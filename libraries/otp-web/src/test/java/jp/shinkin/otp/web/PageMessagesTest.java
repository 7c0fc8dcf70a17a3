package jp.shinkin.otp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jp.shinkin.otp.domain.contract.ErrorCode;
import org.junit.jupiter.api.Test;

/** Every result code a customer can meet has its sentence on the pages, in Japanese and in English. */
class PageMessagesTest {

    @Test
    void everyCustomerResultCodeIsExplainedInBothLanguages() throws IOException {
        String messages;
        try (InputStream in = getClass().getResourceAsStream("/web/assets/messages.js")) {
            assertThat(in).as("web/assets/messages.js on the classpath").isNotNull();
            messages = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = messages;
        Arrays.stream(ErrorCode.values()).filter(c -> c.name().startsWith("E10")).forEach(code -> {
            String key = "'error." + code.name() + "':";
            int first = text.indexOf(key);
            assertThat(first).as("%s in the Japanese messages", code).isNotNegative();
            assertThat(text.indexOf(key, first + 1)).as("%s in the English messages", code).isPositive();
        });
    }
}
