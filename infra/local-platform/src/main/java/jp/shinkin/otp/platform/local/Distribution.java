package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A server distribution the build fetched into the local Maven repository (the schema registry,
 * Keycloak), unpacked once into {@code ~/.cache/otp-platform/} and shared by every platform on the
 * machine, unless an environment variable names an installation to use instead.
 */
final class Distribution {
    private Distribution() {
    }

    /** A version the build wrote into local-platform.properties. */
    static String version(String key) {
        try (InputStream in = Distribution.class.getResourceAsStream("/local-platform.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file in the local Maven repository ({@code -Dmaven.repo.local} if set). */
    static Path inLocalRepository(Path relative) {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank() ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return root.resolve(relative);
    }

    /**
     * The installation: {@code overrideVariable}'s folder if set; else {@code cacheName} in the cache,
     * unpacked from {@code archive} by {@code unpack} (the command, the staging folder appended)
     * when {@code marker} is not there yet. {@code inner} is the folder the archive unpacks into, or
     * null when it unpacks flat.
     */
    static Path installation(String overrideVariable, String cacheName, String marker, Path archive, List<String> unpack,
                             String inner, String what) throws IOException, InterruptedException {
        String override = System.getenv(overrideVariable);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "otp-platform", cacheName);
        if (Files.isRegularFile(cache.resolve(marker))) {
            return cache;
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the " + what + " archive is missing (" + archive + "); build once with: mvn -DskipTests package");
        }
        Files.createDirectories(cache.getParent());
        Path staging = Files.createTempDirectory(cache.getParent(), "unpack");
        try {
            List<String> command = new ArrayList<>(unpack);
            command.add(staging.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("could not unpack " + archive + " (is " + command.get(0) + " installed?)");
            }
            Files.move(inner == null ? staging : staging.resolve(inner), cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another process unpacked it first: use theirs.
            if (!Files.isDirectory(cache)) {
                throw e;
            }
        } finally {
            deleteTree(staging);
        }
        return cache;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
