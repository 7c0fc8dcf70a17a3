package jp.shinkin.otp.softtoken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import jp.shinkin.otp.domain.otp.Base32;
import jp.shinkin.otp.domain.otp.HmacAlgorithm;
import jp.shinkin.otp.domain.otp.TotpParameters;

/**
 * One provisioned token on disk: {@code <dir>/<tokenId>.token}, readable only by its owner (0600,
 * in a 0700 directory), like an SSH private key. It holds the secret: treat it as one.
 */
public record TokenFile(String tokenId, String secret, TotpParameters parameters, String otpauthUri) {
    private static final String SUFFIX = ".token";

    public byte[] seed() {
        return Base32.decode(secret);
    }

    public Path save(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path file = dir.resolve(tokenId + SUFFIX);
        Properties p = new Properties();
        p.setProperty("tokenId", tokenId);
        p.setProperty("secret", secret);
        p.setProperty("algorithm", parameters.algorithm().name());
        p.setProperty("digits", Integer.toString(parameters.digits()));
        p.setProperty("period", Integer.toString(parameters.periodSeconds()));
        p.setProperty("otpauthUri", otpauthUri);
        Files.deleteIfExists(file);
        // Created with owner-only permissions, so the secret is never readable by others, not even briefly.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            p.store(out, "soft token " + tokenId + " - contains the token's secret; keep it private");
        }
        return file;
    }

    public static TokenFile load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return new TokenFile(p.getProperty("tokenId"), p.getProperty("secret"),
                new TotpParameters(HmacAlgorithm.valueOf(p.getProperty("algorithm", "SHA1")),
                        Integer.parseInt(p.getProperty("digits", "6")), Integer.parseInt(p.getProperty("period", "30"))),
                p.getProperty("otpauthUri"));
    }

    /** The token to use: the named one, or the only one in the directory. */
    public static TokenFile find(Path dir, String tokenId) throws IOException {
        if (tokenId != null) {
            Path file = dir.resolve(tokenId + SUFFIX);
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("no token " + tokenId + " in " + dir);
            }
            return load(file);
        }
        List<Path> files = list(dir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no token in " + dir + ": run 'softtoken provision' first");
        }
        if (files.size() > 1) {
            throw new IllegalArgumentException("several tokens in " + dir + ": choose one with --token");
        }
        return load(files.get(0));
    }

    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    @Override
    public String toString() {
        return "TokenFile[tokenId=" + tokenId + "]";
    }
}
