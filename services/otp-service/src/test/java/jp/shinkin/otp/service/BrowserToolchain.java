package jp.shinkin.otp.service;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the browser tests need, set up by the test itself so that the README's one test command
 * is enough on a fresh machine: Debian's Chromium (installed with apt-get when missing and
 * allowed), Node 20+, and playwright-core from the npm registry at the locked version, installed
 * under the build output (never into the source tree).
 */
final class BrowserToolchain {
    static final Path SOURCES = Path.of("src/test/browser");
    static final Path WORK = Path.of("target/browser-tests");

    private BrowserToolchain() {
    }

    /** Chromium, with a Japanese font so that the screenshots show the pages as a customer sees them. */
    static Path chromium() {
        Path chromium = Path.of(System.getenv().getOrDefault("OTP_CHROMIUM", "/usr/bin/chromium"));
        boolean fonts = hasJapaneseFont();
        if (!Files.isExecutable(chromium) || !fonts) {
            List<String> packages = new ArrayList<>();
            if (!Files.isExecutable(chromium)) {
                packages.add("chromium");
            }
            if (!fonts) {
                packages.add("fonts-ipafont-gothic");
            }
            aptInstall(packages);
        }
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("Chromium not found at " + chromium + " and could not be installed: "
                    + "install Debian's chromium package (apt-get install chromium) or set OTP_CHROMIUM");
        }
        return chromium;
    }

    private static boolean hasJapaneseFont() {
        try {
            Process fc = new ProcessBuilder("fc-list", ":lang=ja").redirectErrorStream(true).start();
            boolean any = !new String(fc.getInputStream().readAllBytes()).isBlank();
            fc.waitFor(30, TimeUnit.SECONDS);
            return any;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Debian packages, when this runs as root (CI and these machines do); a fresh container needs an update first. */
    private static void aptInstall(List<String> packages) {
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
            return;
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        install.addAll(packages);
        if (run(install, Path.of("."), 600) != 0) {
            run(List.of("apt-get", "update"), Path.of("."), 600);
            run(install, Path.of("."), 600);
        }
    }

    /** The tests copied under target/ with their node_modules, installed by npm ci when the lock file changed. */
    static Path prepare() throws IOException {
        if (run(List.of("node", "--version"), Path.of("."), 30) != 0) {
            throw new IllegalStateException("node (20 or newer) is needed for the browser tests");
        }
        Files.createDirectories(WORK);
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : files.filter(p -> !p.toString().contains("node_modules")).toList()) {
                Path target = WORK.resolve(SOURCES.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path stamp = WORK.resolve("node_modules/.installed-lock");
        String lock = Files.readString(WORK.resolve("package-lock.json"));
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
            if (run(List.of("npm", "ci", "--no-audit", "--no-fund"), WORK, 600) != 0) {
                throw new IllegalStateException("npm ci failed in " + WORK.toAbsolutePath() + "; see its setup.log");
            }
            Files.writeString(stamp, lock);
        }
        return WORK;
    }

    private static int run(List<String> command, Path dir, int seconds) {
        try {
            // Not inheritIO: the forked test JVM's stdin is Surefire's command channel, and npm sets an
            // inherited stdin non-blocking ("std/in stream corrupted", a failed build although every test
            // passed). Output goes to a log beside the tools instead of the JVM's native stream.
            Files.createDirectories(WORK);
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("setup.log").toFile()))
                    .start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
