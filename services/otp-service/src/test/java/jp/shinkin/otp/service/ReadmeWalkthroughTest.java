package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shinkin.otp.platform.local.DevMailServer;
import jp.shinkin.otp.testkit.ImapInbox;
import jp.shinkin.otp.testkit.PlatformTest;
import jp.shinkin.otp.testkit.StaffIdentityProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's curl walk-through, cut from the README and run with bash as written, against the
 * platform (broker, registry, service, a real mail server) on the test clock: the soft token's
 * {@code --next} moves that clock on instead of waiting 30 s. Every answer the README shows (its
 * {@code #    {…}} lines, "…" standing for what differs per run) must come out, in order, so the
 * README cannot drift from what the platform answers. Only where it runs differs: the service's URL,
 * and {@code infra/softtoken} / {@code infra/mailbox} run from this build's classes.
 */
@PlatformTest
class ReadmeWalkthroughTest {
    private static final Path README = Path.of("../../README.md");
    private static final Pattern BLOCK = Pattern.compile("## A customer journey with curl.*?```bash\n(.*?)```", Pattern.DOTALL);

    @Test
    void theWalkthroughAnswersAsTheReadmeShows() throws Exception {
        String script = walkthrough();
        int mailbox = script.indexOf("infra/mailbox ");
        assertThat(mailbox).as("the walk-through ends by reading the mailbox").isPositive();
        String beforeMail = script.substring(0, script.lastIndexOf('\n', mailbox) + 1);
        String mailStep = script.substring(script.lastIndexOf('\n', mailbox) + 1);

        try (TestPlatform slice = new TestPlatform(); DevMailServer mail = new DevMailServer(0, 0)) {
            mail.start();
            Map<String, Object> properties = new HashMap<>(slice.instanceWithCheapPasswords());
            // The README's keys, as the local platform has them.
            properties.put("otp.api-keys.channel", "dev-channel-key");
            properties.put("otp.api-keys.operations", "dev-operations-key");
            properties.put("otp.notifications.enabled", "true");
            properties.put("otp.notifications.smtp.host", "127.0.0.1");
            properties.put("otp.notifications.smtp.port", Integer.toString(mail.smtpPort()));
            properties.put("otp.notifications.smtp.starttls", "false");
            try (ServiceInstance service = new ServiceInstance(properties, slice.clock);
                 ClockControl clock = new ClockControl(slice.clock)) {
                service.awaitHealthy();
                Path work = workingCopy();
                Map<String, String> env = Map.of("OTP_URL", service.uri().toString(),
                        "OTP_SOFTTOKEN_CLOCK_URL", clock.uri().toString(), "OTP_DEV_IMAP_PORT", Integer.toString(mail.imapPort()));
                String url = "URL=http://localhost:8080";
                assertThat(beforeMail).contains(url);
                String first = bash(work, env, beforeMail.replace(url, "URL=$OTP_URL")
                        + "\necho \"walkthrough-contract=$C\"\necho \"walkthrough-operator=$OP\"\n");
                Matcher contract = Pattern.compile("walkthrough-contract=(\\S+)").matcher(first);
                Matcher operator = Pattern.compile("walkthrough-operator=(\\S+)").matcher(first);
                assertThat(contract.find() && operator.find()).as(first).isTrue();
                String address = "hana+" + contract.group(1) + "@example.jp";
                // Notices go out within moments of their events: wait for as many as the README shows.
                Matcher shown = Pattern.compile("(?m)^#    (\\d+) mail\\(s\\) for").matcher(script);
                assertThat(shown.find()).isTrue();
                int mails = Integer.parseInt(shown.group(1));
                await().atMost(Duration.ofSeconds(30)).until(() -> ImapInbox.read(mail.imapPort(), address, "any").size() >= mails);
                // Fraud analytics reads the same events: wait for the alerts the README shows after the mailbox.
                long alerts = shownAnswers(mailStep).stream().filter(a -> a.startsWith("\"rule\"")).count();
                await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(service, contract.group(1)) >= alerts);
                assertThat(alertsOf(service, contract.group(1))).as("the alerts the README lists are all there are").isEqualTo(alerts);
                Map<String, String> withContract = new HashMap<>(env);
                withContract.put("C", contract.group(1));
                withContract.put("OP", operator.group(1));
                // The steps after the mailbox run in a second shell: give it the walk-through's helpers and URL.
                String helpers = beforeMail.substring(0, beforeMail.indexOf("\nC=") + 1).replace(url, "URL=$OTP_URL");
                String output = first + bash(work, withContract, helpers + mailStep);
                assertAnswersInOrder(script, output);
            }
        }
    }

    private static String walkthrough() throws IOException {
        Matcher block = BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(block.find()).as("the README's curl walk-through").isTrue();
        return block.group(1);
    }

    /**
     * The answers the README shows: {@code #    {…}} (a second {@code #     "…} line continues one),
     * {@code #    "…} (a field a step picks out) and the mailbox's lines.
     */
    static List<String> shownAnswers(String script) {
        List<String> answers = new ArrayList<>();
        for (String line : script.split("\n")) {
            if (line.startsWith("#     \"") && !answers.isEmpty()) {
                answers.set(answers.size() - 1, answers.get(answers.size() - 1) + line.substring("#     ".length()).strip());
            } else if (line.matches("#    (\\{|\"\\w+\":|\\d+ mail|--- ).*")) {
                answers.add(line.substring("#    ".length()).strip());
            }
        }
        return answers;
    }

    private static void assertAnswersInOrder(String script, String output) {
        List<String> answers = shownAnswers(script);
        assertThat(answers).as("answers shown in the README").hasSizeGreaterThanOrEqualTo(10);
        int from = 0;
        for (String answer : answers) {
            // "…" in the README stands for what differs per run.
            StringBuilder regex = new StringBuilder("(?m)^");
            String[] parts = answer.split("…", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : ".*?").append(Pattern.quote(parts[i]));
            }
            Matcher found = Pattern.compile(regex.append("$").toString()).matcher(output);
            assertThat(found.find(from)).as("the README shows %s; the platform answered (from there on):%n%s", answer,
                    output.substring(from)).isTrue();
            from = found.end();
        }
    }

    private static long alertsOf(ServiceInstance service, String contractId) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(service.uri().resolve("/v1/ops/alerts?contractId=" + contractId))
                .header("Authorization", "Bearer dev-operations-key").build(), HttpResponse.BodyHandlers.ofString());
        return Pattern.compile("\"rule\":").matcher(answer.body()).results().count();
    }

    /** A folder to run in: the walk-through's relative paths ({@code infra/…}, {@code data/…}) land here. */
    private static Path workingCopy() throws IOException {
        Path work = Files.createTempDirectory("walkthrough");
        Files.createDirectories(work.resolve("infra"));
        String classpath = System.getProperty("java.class.path");
        shim(work.resolve("infra/softtoken"), "jp.shinkin.otp.softtoken.SoftToken", classpath);
        shim(work.resolve("infra/mailbox"), "jp.shinkin.otp.platform.local.DevMailbox", classpath);
        staffLogin(work.resolve("infra/staff-login"));
        return work;
    }

    /**
     * {@code infra/staff-login} signs people in at Keycloak (LauncherIT runs the real script against
     * the launched one); here the test's identity provider issues the same people's tokens, with
     * their roles, and the shim hands them out as the script does: given a user and a password.
     */
    private static void staffLogin(Path file) throws IOException {
        StaffIdentityProvider idp = StaffIdentityProvider.shared();
        // Long-lived: the test clock, not the wall clock, moves between the steps.
        String sato = idp.token(StaffIdentityProvider.STAFF, "sato-subject", "Hanako Sato", StaffIdentityProvider.AUDIENCE, 1800,
                "operator");
        String takahashi = idp.token(StaffIdentityProvider.STAFF, "takahashi-subject", "Yuki Takahashi",
                StaffIdentityProvider.AUDIENCE, 1800, "approver");
        Map<String, String> passwords = realmPasswords();
        Files.writeString(file, "#!/usr/bin/env bash\n"
                + "case \"$1:${OTP_STAFF_PASSWORD:-}\" in\n"
                + "  'sato:" + passwords.get("sato") + "') echo '" + sato + "';;\n"
                + "  'takahashi:" + passwords.get("takahashi") + "') echo '" + takahashi + "';;\n"
                + "  *) echo \"error: sign-in refused for $1\" >&2; exit 1;;\nesac\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    /** The local people's passwords, from the realm the launcher imports into Keycloak. */
    private static Map<String, String> realmPasswords() throws IOException {
        String realm = Files.readString(Path.of("../../infra/identity/shinkin-staff-realm.json"));
        Matcher user = Pattern.compile("\"username\"\\s*:\\s*\"(\\w+)\"[^\\]]*?\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(realm);
        Map<String, String> passwords = new HashMap<>();
        while (user.find()) {
            passwords.put(user.group(1), user.group(2));
        }
        assertThat(passwords).containsKeys("sato", "takahashi");
        return passwords;
    }

    private static void shim(Path file, String mainClass, String classpath) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\nexec java -XX:TieredStopAtLevel=1 -cp '" + classpath + "' " + mainClass + " \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    private static String bash(Path work, Map<String, String> env, String script) throws Exception {
        Path file = work.resolve("step.sh");
        Files.writeString(file, "set -euo pipefail\n" + script);
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
