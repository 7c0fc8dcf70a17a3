package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code logback-json.xml}: one JSON object per line, the MDC (correlation ID) in it, the event log on. */
class JsonLogsTest {
    @Test
    void theJsonConfigurationWritesOneObjectPerLineWithTheCorrelationId() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback-json.xml"));
            context.getMDCAdapter().put("correlationId", "corr-42");
            context.getLogger("jp.shinkin.otp.events").info("{}", "TokenRegistered");
            context.getLogger("jp.shinkin.otp.events").info("{}", "OtpVerified");
        } finally {
            context.stop();
            System.setOut(stdout);
        }
        context.getStatusManager().getCopyOfStatusList().stream().filter(st -> st.getLevel() > 0)
                .forEach(st -> stdout.println("logback status: " + st));
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonMapper json = JsonMapper.createDefault();
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = json.readValue(line, Map.class);
            assertThat(object).containsEntry("loggerName", "jp.shinkin.otp.events").containsKey("timestamp").doesNotContainKey("message");
            assertThat(object.get("mdc")).asString().contains("corr-42");
        }
        assertThat(lines[0]).contains("TokenRegistered");
    }
}
