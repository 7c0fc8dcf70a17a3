package jp.shinkin.otp.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** Reads the schema sources and their recorded history. */
final class SchemaFiles {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.avsc");

    final Path root;

    SchemaFiles() {
        this.root = Path.of(System.getProperty("schemas.dir", "."));
    }

    Path sources() {
        return root.resolve("src/main/avro");
    }

    Path history() {
        return root.resolve("history");
    }

    /** Every top-level schema by full name, parsed the way the code generator does (shared types first). */
    Map<String, Schema> current() {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> out = new LinkedHashMap<>();
        for (Path file : avscFiles()) {
            try {
                Schema schema = parser.parse(file.toFile());
                out.put(schema.getFullName(), schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Recorded versions of one schema, oldest first. */
    List<Schema> versions(String fullName) {
        Path dir = history().resolve(fullName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> VERSION.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(SchemaFiles::versionOf))
                    .map(SchemaFiles::parseStandalone)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void record(String fullName, Schema schema, int version) {
        Path file = history().resolve(fullName).resolve("v" + version + ".avsc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> avscFiles() {
        try (Stream<Path> files = Files.walk(sources())) {
            return files.filter(p -> p.toString().endsWith(".avsc"))
                    // common/ holds the shared types the others name; it must be parsed first.
                    .sorted(Comparator.comparing(SchemaFiles::folderOrder)
                            .thenComparing(SchemaFiles::commonOrder)
                            .thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** common/ first, then state/ (whose parts the snapshot names), then the rest. */
    private static int folderOrder(Path p) {
        String folder = p.getParent().getFileName().toString();
        return folder.equals("common") ? 0 : folder.equals("state") ? 1 : 2;
    }

    /** Within common/ and state/, types that others depend on come first. */
    private static int commonOrder(Path p) {
        List<String> order = List.of("ActorType", "Actor", "SessionUse", "SealedBytes", "OtpAlgorithm", "TotpSpec", "TicketKind",
                "TokenStatusState", "TokenState", "PendingClaimState", "TicketState");
        int i = order.indexOf(p.getFileName().toString().replace(".avsc", ""));
        return i < 0 ? order.size() : i;
    }

    private static int versionOf(Path p) {
        Matcher m = VERSION.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p.toString());
        }
        return Integer.parseInt(m.group(1));
    }

    private static Schema parseStandalone(Path p) {
        try {
            return new Schema.Parser().parse(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
