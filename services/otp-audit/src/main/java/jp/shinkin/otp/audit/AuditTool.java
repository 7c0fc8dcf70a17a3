package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.messaging.StreamsApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code otp-audit trail | replay | rebuild | verify-decisions | reset-fraud | rewrap-keys}:
 * operations' view of the event log, read straight from Kafka (never from a store), and the two
 * operations that act on topics. Exit code 0 when all is well, 2 when
 * {@code rebuild} or {@code verify-decisions} found a difference, 1 on errors.
 */
@Command(name = "otp-audit", mixinStandardHelpOptions = true, version = "otp-audit 0.1.0",
        description = "Read, replay and check the OTP platform's event log.",
        subcommands = {AuditTool.TrailCommand.class, AuditTool.ReplayCommand.class, AuditTool.RebuildCommand.class,
            AuditTool.VerifyCommand.class, AuditTool.ResetFraudCommand.class, AuditTool.RewrapCommand.class},
        footerHeading = "%nEnvironment (flags win):%n",
        footer = {"  KAFKA_BOOTSTRAP_SERVERS   the brokers (default: localhost:9092)",
            "  OTP_REGISTRY_URL          the schema registry (default: http://localhost:8081)",
            "  OTP_OPERATIONS_KEY        the batch job's key itself, for the live stores (else OTP_OPERATIONS_API_KEY when",
            "                            it is not a sha256: digest; else dev-operations-key, the local platform's)",
            "  OTP_KEK_ID, OTP_KEK_BASE64, OTP_PREVIOUS_KEKS",
            "                            the key-encryption keys (verify-decisions, rewrap-keys); --dev-keys: the local platform's",
            "  OTP_TRANSPORT_KEY_ID, OTP_TRANSPORT_KEY_BASE64, OTP_PREVIOUS_TRANSPORT_KEYS",
            "                            the transport keys (verify-decisions)",
            "  OTP_KAFKA_SECURITY_PROTOCOL, OTP_KAFKA_SASL_*, OTP_KAFKA_TRUSTSTORE_*, OTP_KAFKA_KEYSTORE_*",
            "                            the service's Kafka TLS/SASL settings, used as they are",
            "Exit status: 0 all is well, 2 a difference found (rebuild, verify-decisions, rewrap-keys), 1 an error."})
public final class AuditTool {
    /** The local platform's dev keys (application-dev.yml): never valid anywhere else. */
    private static final String DEV_KEK = "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYmI=";
    private static final String DEV_TRANSPORT = "ZGV2LW9ubHktdHJhbnNwb3J0LWtleS0zMmJ5dGVzISE=";

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new AuditTool());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("error: " + oneLine(e));
            return 1;
        });
        for (CommandLine sub : cli.getSubcommands().values()) {
            ((Common) sub.getCommand()).out = out;
            ((Common) sub.getCommand()).err = err;
            // The environment is every subcommand's too: its help says so.
            sub.getCommandSpec().usageMessage().footerHeading(cli.getCommandSpec().usageMessage().footerHeading())
                    .footer(cli.getCommandSpec().usageMessage().footer());
        }
        return cli.execute(args);
    }

    /** What went wrong, on one line: the message (the cause's when it has none), never a stack trace. */
    static String oneLine(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    /**
     * The key itself from {@code clear}; else from {@code serviceVariable} unless that holds the
     * service's {@code sha256:} digest of it (useless to a client); else the local platform's.
     */
    static String keyFromEnvironment(String clear, String serviceVariable, String dev) {
        Map<String, String> env = System.getenv();
        String key = env.get(clear);
        if (key == null || key.isBlank()) {
            key = env.get(serviceVariable);
        }
        return key == null || key.isBlank() || key.startsWith("sha256:") ? dev : key;
    }

    abstract static class Common {
        PrintStream out = System.out;
        PrintStream err = System.err;

        @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");

        @Option(names = "--registry", description = "schema registry URL (default: ${DEFAULT-VALUE})")
        String registry = System.getenv().getOrDefault("OTP_REGISTRY_URL", "http://localhost:8081");

        @Option(names = "--topic-prefix", hidden = true)
        String topicPrefix = "";

        @Option(names = "--url", description = "the platform's base URL, for the live stores (default: ${DEFAULT-VALUE})")
        String url = "http://localhost:8080";

        @Option(names = "--api-key", description = "the batch job's key (default: $OTP_OPERATIONS_KEY, see Environment)")
        String apiKey = keyFromEnvironment("OTP_OPERATIONS_KEY", "OTP_OPERATIONS_API_KEY", "dev-operations-key");

        @Option(names = "--dev-keys", description = "use the local platform's dev keys instead of OTP_KEK_BASE64 / OTP_TRANSPORT_KEY_BASE64")
        boolean devKeys;

        @Option(names = "--scratch-dir", description = "where rebuild and verify-decisions keep what they remember of the log "
                + "on disk (a folder of their own inside, removed at the end; default: ${DEFAULT-VALUE})")
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

        @Option(names = "--max-otp-failures", description = "the platform's lockout limit (default: ${DEFAULT-VALUE})")
        int maxOtpFailures = 5;

        @Option(names = "--max-password-failures", description = "(default: ${DEFAULT-VALUE})")
        int maxPasswordFailures = 5;

        AuditSettings settings() {
            OtpPolicy d = OtpPolicy.DEFAULT;
            Map<String, String> env = System.getenv();
            return new AuditSettings(bootstrap, registry, topicPrefix, url, apiKey,
                    AuditSettings.keks(env.getOrDefault("OTP_KEK_ID", "kek-1"), devKeys ? DEV_KEK : env.get("OTP_KEK_BASE64"),
                            env.get("OTP_PREVIOUS_KEKS")),
                    AuditSettings.transportKeys(env.getOrDefault("OTP_TRANSPORT_KEY_ID", "transport-1"),
                            devKeys ? DEV_TRANSPORT : env.get("OTP_TRANSPORT_KEY_BASE64"), env.get("OTP_PREVIOUS_TRANSPORT_KEYS")),
                    new OtpPolicy(d.window(), maxOtpFailures, maxPasswordFailures, d.ticketTtl()), scratch);
        }
    }

    @Command(name = "trail", mixinStandardHelpOptions = true, description = "Every event of one contract, in order, from the log.")
    static class TrailCommand extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "CONTRACT_ID")
        String contractId;

        @Override
        public Integer call() {
            List<Map<String, Object>> events = Trail.events(settings(), contractId, err);
            events.forEach(e -> out.println(Trail.line(e)));
            err.println(events.size() + " events for " + contractId);
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Re-read the event log from a time or offset, as JSON lines or CSV.")
    static class ReplayCommand extends Common implements Callable<Integer> {
        @Option(names = "--from", required = true, description = "ISO-8601 instant (offsets looked up by time) or an offset")
        String from;

        @Option(names = "--to", description = "ISO-8601 instant or offset, inclusive (default: the end of the log)")
        String to;

        @Option(names = "--contract", description = "only this contract's events")
        String contractId;

        @Option(names = "--format", description = "jsonl or csv (default: ${DEFAULT-VALUE})")
        String format = "jsonl";

        @Override
        public Integer call() {
            if (!format.equals("jsonl") && !format.equals("csv")) {
                throw new IllegalArgumentException("--format must be jsonl or csv");
            }
            long n = Replay.run(settings(), Replay.Point.parse(from), to == null ? null : Replay.Point.parse(to), contractId,
                    format, out, err);
            err.println(n + " events");
            return 0;
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true, description = "Fold the whole event log into fresh state and compare it with the live stores.")
    static class RebuildCommand extends Common implements Callable<Integer> {
        @Option(names = "--no-compare", description = "only fold the log (time it), without asking the platform for its stores")
        boolean noCompare;

        @Override
        public Integer call() throws Exception {
            if (noCompare) {
                long start = System.nanoTime();
                long[] folded = Rebuild.foldOnly(settings(), err);
                out.println(String.format(Locale.ROOT, "%,d events folded into %,d contracts in %.1f s (not compared)",
                        folded[0], folded[1], (System.nanoTime() - start) / 1e9));
                return 0;
            }
            Rebuild.Report report = Rebuild.run(settings(), err,
                    d -> out.println(d.kind() + "  " + d.contractId() + "  log=" + d.logDigest() + "  stores=" + d.storeDigest()));
            out.println(String.format(Locale.ROOT, "%,d events folded into %,d contracts in %.1f s; %d difference(s)",
                    report.events(), report.contracts(), report.foldTime().toMillis() / 1000.0, report.differences()));
            return report.differences() == 0 ? 0 : 2;
        }
    }

    @Command(name = "reset-fraud", mixinStandardHelpOptions = true, description = "Reset the fraud-analytics Streams application to reprocess the whole log "
            + "(stop the service first; then start it with an empty state directory).")
    static class ResetFraudCommand extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            int exit = FraudReset.run(settings());
            out.println(exit == 0 ? "reset: " + StreamsApplication.FRAUD.idIn(settings().topicPrefix()) + " will reprocess otp.events from the start"
                    : "reset failed (is every instance stopped?)");
            return exit == 0 ? 0 : 1;
        }
    }

    @Command(name = "verify-decisions", mixinStandardHelpOptions = true, description = "Re-run the recorded commands through decide and compare with the events.")
    static class VerifyCommand extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            DecisionCheck.Report r = DecisionCheck.run(settings(), err, m -> out.println("MISMATCH  " + m.contractId()
                    + "  command " + m.commandId() + "  recorded " + m.recorded() + "  re-decided " + m.reproduced()));
            out.println(String.format(Locale.ROOT,
                    "%,d decisions: %,d reproduced, %,d skipped (token key shredded), %,d without their command, %d mismatch(es)",
                    r.decisions(), r.reproduced(), r.skippedShredded(), r.commandsMissing(), r.mismatches()));
            return r.mismatches() == 0 ? 0 : 2;
        }
    }

    @Command(name = "rewrap-keys", mixinStandardHelpOptions = true, description = "Move every token's data key under the newest KEK (OTP_KEK_ID / OTP_KEK_BASE64; "
            + "the older ones in OTP_PREVIOUS_KEKS). Load the new KEK on every instance first. Resumable; verified at the end.")
    static class RewrapCommand extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            KeyRewrap.Report r = KeyRewrap.run(settings(), err);
            out.println(String.format(Locale.ROOT,
                    "%,d live data keys: %,d re-wrapped under %s, %,d already under it, %,d shred(s) written again after a re-wrap",
                    r.liveKeys(), r.rewrapped(), r.newestKek(), r.alreadyCurrent(), r.shredsRestored()));
            if (r.verified()) {
                out.println("verified: every live data key is wrapped under " + r.newestKek() + " and opens under it");
                return 0;
            }
            out.println(String.format(Locale.ROOT, "NOT verified: %,d key(s) still under an older KEK, %,d unreadable "
                    + "(run again; a key that stays unreadable is under a KEK not given in OTP_PREVIOUS_KEKS)",
                    r.notCurrentAfter(), r.unreadable()));
            return 2;
        }
    }
}
