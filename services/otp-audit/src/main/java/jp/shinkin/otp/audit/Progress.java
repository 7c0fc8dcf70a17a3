package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for anything that takes longer than a second: silent before that, so
 * quick runs and scripts stay clean; always finished with a newline when it was shown.
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean shown;

    Progress(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    void at(long done) {
        long now = System.nanoTime();
        if (now - started < 1_000_000_000L || now - lastDrawn < 200_000_000L) {
            return;
        }
        lastDrawn = now;
        shown = true;
        if (total <= 0) {
            // Nothing to measure against: the count alone.
            err.print(String.format(Locale.ROOT, "\r%s %,d", label, done));
            err.flush();
            return;
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %,d/%,d", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.min(100, done * 100 / total), done, total));
        err.flush();
    }

    @Override
    public void close() {
        if (shown) {
            err.println();
        }
    }
}
