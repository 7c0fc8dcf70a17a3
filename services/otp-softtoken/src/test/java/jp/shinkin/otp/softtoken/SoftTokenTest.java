package jp.shinkin.otp.softtoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import jp.shinkin.otp.domain.otp.Base32;
import jp.shinkin.otp.domain.otp.OtpAuthUri;
import jp.shinkin.otp.domain.otp.TotpParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SoftTokenTest {
    /** RFC 6238 Appendix B's SHA-1 seed. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static TokenFile rfcToken() {
        OtpAuthUri uri = new OtpAuthUri("ShinkinBank", "SKMT00000042", RFC_SEED, TotpParameters.DEFAULT);
        return new TokenFile("SKMT00000042", Base32.encode(RFC_SEED), TotpParameters.DEFAULT, uri.toUriString());
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SoftToken());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void theSecretFileIsReadableOnlyByItsOwner(@TempDir Path dir) throws Exception {
        Path file = rfcToken().save(dir.resolve("tokens"));
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("tokens"))).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        assertThat(TokenFile.load(file)).isEqualTo(rfcToken());
    }

    @Test
    void codeIsTheRfc6238CodeWithTheSecondsLeft(@TempDir Path dir) throws Exception {
        rfcToken().save(dir);
        // RFC 6238 Appendix B: T = 59 s → 94287082 (8 digits); its last 6 digits are the 6-digit code.
        String[] result = run("code", "--dir", dir.toString(), "--at", "1970-01-01T00:00:59Z");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).isEqualTo("287082  (1 s left, token SKMT00000042)\n");
        assertThat(run("code", "--plain", "--dir", dir.toString(), "--at", "2005-03-18T01:58:29Z")[1]).isEqualTo("081804\n");
    }

    @Test
    void withoutATokenItSaysWhatToDo(@TempDir Path dir) {
        String[] result = run("code", "--dir", dir.resolve("none").toString());
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2]).contains("run 'softtoken provision' first");
    }

    @Test
    void theQrCodeDecodesToTheOtpauthUri(@TempDir Path dir) throws Exception {
        rfcToken().save(dir);
        Path png = dir.resolve("token.png");
        String[] result = run("qr", "--dir", dir.toString(), "--png", png.toString());
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("█").contains("▀").contains("token ID SKMT00000042");

        var image = ImageIO.read(png.toFile());
        LuminanceSource source = new LuminanceSource(image.getWidth(), image.getHeight()) {
            @Override
            public byte[] getRow(int y, byte[] row) {
                byte[] r = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
                for (int x = 0; x < getWidth(); x++) {
                    r[x] = (byte) ((image.getRGB(x, y) & 0xFF) > 127 ? 255 : 0);
                }
                return r;
            }

            @Override
            public byte[] getMatrix() {
                byte[] m = new byte[getWidth() * getHeight()];
                for (int y = 0; y < getHeight(); y++) {
                    System.arraycopy(getRow(y, null), 0, m, y * getWidth(), getWidth());
                }
                return m;
            }
        };
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
        assertThat(decoded).isEqualTo(rfcToken().otpauthUri());
        OtpAuthUri parsed = OtpAuthUri.parse(decoded);
        assertThat(parsed.secret()).isEqualTo(RFC_SEED);
        assertThat(decoded).startsWith("otpauth://totp/ShinkinBank:SKMT00000042?").contains("issuer=ShinkinBank")
                .contains("secret=" + Base32.encode(RFC_SEED).replace("=", ""));
    }

    @Test
    void theTerminalQrHasTheMatrixShape() {
        BitMatrix m = QrCodes.encode("otpauth://totp/X:Y?secret=GEZDGNBVGY3TQOJQ");
        String text = QrCodes.terminal(m, false);
        assertThat(text.lines()).hasSize((m.getHeight() + 1) / 2).allSatisfy(l -> assertThat(l).hasSize(m.getWidth()));
        assertThat(QrCodes.terminal(m, true)).isNotEqualTo(text);
    }

    @Test
    void everySubcommandAnswersHelpWithExitZeroAndTheHelpNamesTheKeysEnvironment() {
        String[] top = run("--help");
        assertThat(top[0]).isEqualTo("0");
        assertThat(top[1]).contains("OTP_CHANNEL_KEY");
        for (String sub : new CommandLine(new SoftToken()).getSubcommands().keySet()) {
            String[] help = run(sub, "--help");
            assertThat(help[0]).as(sub).isEqualTo("0");
            assertThat(help[1]).as(sub).contains("Usage: softtoken " + sub);
        }
        assertThat(run("provision", "--help")[1]).contains("OTP_CHANNEL_KEY");
        assertThat(SoftToken.channelKey(Map.of("OTP_CHANNEL_API_KEY", "sha256:" + "ab".repeat(32))))
                .as("the service's digest is no key").isEqualTo("dev-channel-key");
        assertThat(SoftToken.channelKey(Map.of("OTP_CHANNEL_KEY", "k-1", "OTP_CHANNEL_API_KEY", "k-2"))).isEqualTo("k-1");
    }

    @Test
    void uriPrintsTheOtpauthUriAndWarnsItIsASecret(@TempDir Path dir) throws Exception {
        rfcToken().save(dir);
        String[] result = run("uri", "--dir", dir.toString());
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1].strip()).isEqualTo(rfcToken().otpauthUri()).startsWith("otpauth://totp/");
        assertThat(result[2]).contains("warning", "secret");
    }

    @Test
    void theQrPictureIsReadableOnlyByItsOwnerEvenOverAnExistingFile(@TempDir Path dir) throws Exception {
        rfcToken().save(dir);
        Path png = dir.resolve("token.png");
        assertThat(run("qr", "--dir", dir.toString(), "--png", png.toString())[0]).isEqualTo("0");
        assertThat(Files.getPosixFilePermissions(png)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(png, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run("qr", "--dir", dir.toString(), "--png", png.toString())[0]).isEqualTo("0");
        assertThat(Files.getPosixFilePermissions(png)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.size(png)).isPositive();
        // A link planted where the picture goes is replaced, never followed.
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "untouched");
        Files.delete(png);
        Files.createSymbolicLink(png, victim);
        assertThat(run("qr", "--dir", dir.toString(), "--png", png.toString())[0]).isEqualTo("0");
        assertThat(Files.readString(victim)).isEqualTo("untouched");
        assertThat(Files.isSymbolicLink(png)).isFalse();
        assertThat(Files.getPosixFilePermissions(png)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }
}
