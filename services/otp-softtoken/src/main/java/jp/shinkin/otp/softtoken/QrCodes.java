package jp.shinkin.otp.softtoken;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import javax.imageio.ImageIO;

/** The otpauth URI as a QR code (ZXing): for the terminal in Unicode half blocks, or as a PNG. */
public final class QrCodes {
    private static final int QUIET_ZONE = 2;

    private QrCodes() {
    }

    public static BitMatrix encode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as QR code", e);
        }
    }

    /**
     * Two modules per character cell (upper and lower half blocks). Drawn for a dark-background
     * terminal: the light modules are printed, the dark ones are the background. {@code invert}
     * for light-background terminals.
     */
    public static String terminal(BitMatrix m, boolean invert) {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = m.get(x, y) != invert;
                boolean bottom = (y + 1 < m.getHeight() && m.get(x, y + 1)) != invert;
                out.append(top ? (bottom ? ' ' : '▄') : (bottom ? '▀' : '█'));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static void png(BitMatrix m, int scale, Path file) throws IOException {
        BufferedImage image = new BufferedImage(m.getWidth() * scale, m.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, m.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        // The picture holds the secret: only its owner may read it, whatever the umask. Written to a new
        // private file beside it, then moved over the name, so a link planted there is replaced, not followed.
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".qr-", ".png",
                PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
