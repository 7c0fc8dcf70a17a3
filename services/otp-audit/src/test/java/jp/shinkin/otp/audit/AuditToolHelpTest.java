package jp.shinkin.otp.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tool explains itself: every subcommand's --help exits 0, the keys' environment is named. */
class AuditToolHelpTest {
    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuditTool.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everySubcommandAnswersHelpWithExitZero() {
        Result top = run("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("OTP_OPERATIONS_KEY", "OTP_KEK_BASE64", "OTP_TRANSPORT_KEY_BASE64",
                "KAFKA_BOOTSTRAP_SERVERS", "Exit status");
        for (String sub : new CommandLine(new AuditTool()).getSubcommands().keySet()) {
            Result help = run(sub, "--help");
            assertThat(help.exit()).as(sub).isZero();
            assertThat(help.out()).as(sub).contains("Usage: otp-audit " + sub, "OTP_OPERATIONS_KEY");
        }
    }

    @Test
    void aBadArgumentIsOneErrorLineNotAStackTrace() {
        Result bad = run("replay", "--format", "xml", "--from", "2026-11-29T00:00:00Z", "--bootstrap", "127.0.0.1:1");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).startsWith("error: ").doesNotContain("\tat ");
    }
}
