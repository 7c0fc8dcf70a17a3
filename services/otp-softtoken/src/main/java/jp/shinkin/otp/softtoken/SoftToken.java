package jp.shinkin.otp.softtoken;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shinkin.otp.domain.otp.OtpAuthUri;
import jp.shinkin.otp.domain.otp.Totp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code softtoken provision | code [--watch] | qr [--png FILE] | list}: the soft token app of
 * the manuals, in a terminal. Codes are standard RFC 6238, so the QR code works in any
 * authenticator app (Google Authenticator, FreeOTP) as well.
 */
@Command(name = "softtoken", mixinStandardHelpOptions = true, version = "softtoken 0.1.0",
        description = "A soft token: provision it from the token issuer, show its code, print its QR code.",
        subcommands = {SoftToken.Provision.class, SoftToken.Code.class, SoftToken.Qr.class, SoftToken.Uri.class,
            SoftToken.ListTokens.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  OTP_CHANNEL_KEY      the channel's API key itself, for provision (else OTP_CHANNEL_API_KEY when it is not",
            "                       a sha256: digest; else dev-channel-key, the local platform's)",
            "  OTP_URL              the platform's base URL, for provision (default: http://localhost:8080)",
            "  OTP_SOFTTOKEN_CLOCK_URL",
            "                       tests only: the time from this test clock (GET /now) instead of the system's;",
            "                       --next moves it on to the next step (POST /advance) instead of waiting",
            "Tokens are kept in ~/.otp-softtoken (or --dir), one file per token, readable only by you."})
public final class SoftToken {
    static final Path DEFAULT_DIR = Path.of(System.getProperty("user.home"), ".otp-softtoken");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new SoftToken());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** The channel's key itself: the service holds only its digest, so a digest here is no key. */
    static String channelKey(Map<String, String> env) {
        String key = env.get("OTP_CHANNEL_KEY");
        if (key == null || key.isBlank()) {
            key = env.get("OTP_CHANNEL_API_KEY");
        }
        return key == null || key.isBlank() || key.startsWith("sha256:") ? "dev-channel-key" : key;
    }

    static class Common {
        @Option(names = "--dir", description = "where tokens are kept (default: ~/.otp-softtoken)")
        Path dir = DEFAULT_DIR;

        @Option(names = "--token", description = "the token ID to use (default: the only token)")
        String tokenId;
    }

    @Command(name = "provision", mixinStandardHelpOptions = true, description = "Ask the token issuer for a new token and keep its secret in a private file.")
    static class Provision implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--url", description = "the platform's base URL (default: $OTP_URL, else http://localhost:8080)")
        String url = System.getenv().getOrDefault("OTP_URL", "http://localhost:8080");

        @Option(names = "--api-key", description = "the channel's API key (default: $OTP_CHANNEL_KEY, else "
                + "$OTP_CHANNEL_API_KEY unless it is a sha256: digest, else dev-channel-key)")
        String apiKey = channelKey(System.getenv());

        @Option(names = "--platform", description = "mobile or desktop (default: ${DEFAULT-VALUE})")
        String platform = "mobile";

        @Option(names = "--dir", description = "where tokens are kept (default: ~/.otp-softtoken)")
        Path dir = DEFAULT_DIR;

        @Override
        public Integer call() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/v1/tokens"))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"platform\":\"" + platform.replaceAll("[^a-zA-Z]", "") + "\"}"))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                spec.commandLine().getErr().println("error: the issuer answered " + response.statusCode() + ": " + response.body());
                return 1;
            }
            String uri = member(response.body(), "otpauthUri");
            OtpAuthUri parsed = OtpAuthUri.parse(uri);
            TokenFile token = new TokenFile(member(response.body(), "tokenId"), member(response.body(), "secret"),
                    parsed.parameters(), uri);
            Path file = token.save(dir);
            PrintWriter out = spec.commandLine().getOut();
            out.println("token ID  " + token.tokenId());
            out.println("saved to  " + file + " (readable only by you)");
            out.flush();
            return 0;
        }

        /** The issuer's answer is flat JSON of strings and numbers; no library needed for four members. */
        private static String member(String json, String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("the issuer's answer has no " + name);
            }
            return m.group(1).replace("\\/", "/").replace("\\u0026", "&").replace("\\u003d", "=");
        }
    }

    @Command(name = "code", mixinStandardHelpOptions = true, description = "Print the current code and the seconds it has left.")
    static class Code extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--watch", description = "keep showing the code, with a countdown bar (Ctrl-C to stop)")
        boolean watch;

        @Option(names = "--plain", description = "print only the code (for scripts)")
        boolean plain;

        @Option(names = "--next", description = "wait for the next code first (a code is accepted only once)")
        boolean next;

        @Option(names = "--at", hidden = true, description = "compute at this instant instead of now (tests)")
        Instant at;

        @Override
        public Integer call() throws Exception {
            TokenFile token = TokenFile.find(dir, tokenId);
            byte[] seed = token.seed();
            PrintWriter out = spec.commandLine().getOut();
            TestClock testClock = TestClock.fromEnvironment();
            if (next && at == null) {
                if (testClock != null) {
                    testClock.advance(Countdown.secondsLeft(testClock.now(), token.parameters()));
                } else {
                    Thread.sleep(Countdown.secondsLeft(Instant.now(), token.parameters()) * 1000L - Instant.now().toEpochMilli() % 1000 + 50);
                }
            }
            do {
                Instant now = at != null ? at : testClock != null ? testClock.now() : Instant.now();
                String code = Totp.codeAt(seed, now, token.parameters());
                int left = Countdown.secondsLeft(now, token.parameters());
                if (watch) {
                    out.print("\r" + token.tokenId() + "  " + Countdown.grouped(code) + "  "
                            + Countdown.bar(left, token.parameters().periodSeconds()) + String.format(" %2ds", left));
                    out.flush();
                    Thread.sleep(1000 - now.toEpochMilli() % 1000);
                } else if (plain) {
                    out.println(code);
                } else {
                    out.println(code + "  (" + left + " s left, token " + token.tokenId() + ")");
                }
            } while (watch && at == null);
            out.flush();
            return 0;
        }
    }

    @Command(name = "qr", mixinStandardHelpOptions = true, description = "Print the token's otpauth QR code for any RFC 6238 authenticator app.")
    static class Qr extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--png", description = "also write the QR code to this PNG file")
        Path png;

        @Option(names = "--invert", description = "for terminals with a light background")
        boolean invert;

        @Override
        public Integer call() throws Exception {
            TokenFile token = TokenFile.find(dir, tokenId);
            var matrix = QrCodes.encode(token.otpauthUri());
            PrintWriter out = spec.commandLine().getOut();
            out.print(QrCodes.terminal(matrix, invert));
            out.println("token ID " + token.tokenId() + " - this QR code holds the secret: show it to nobody.");
            if (png != null) {
                QrCodes.png(matrix, 8, png);
                out.println("written to " + png + " (readable only by you: it holds the secret too)");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "uri", mixinStandardHelpOptions = true,
            description = "Print the token's otpauth URI (for an authenticator app that takes text). It holds the secret.")
    static class Uri extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TokenFile token = TokenFile.find(dir, tokenId);
            spec.commandLine().getErr().println("warning: this URI holds the token's secret: whoever sees it can compute "
                    + "every code. Show it to nobody, do not paste it into chats or tickets.");
            spec.commandLine().getErr().flush();
            PrintWriter out = spec.commandLine().getOut();
            out.println(token.otpauthUri());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens kept in the directory.")
    static class ListTokens extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (Path file : TokenFile.list(dir)) {
                out.println(TokenFile.load(file).tokenId());
            }
            out.flush();
            return 0;
        }
    }
}
