package jp.shinkin.otp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The CSV, the latency plot (PNG) and the one-screen summary. */
final class BenchReport {
    private BenchReport() {
    }

    /** The raw acks=all produce rates of a record of the same size: pipelined, and one-by-one at the load's concurrency. */
    record Baselines(int recordBytes, double pipelined, double oneByOne, int concurrency) {
    }

    static void write(Path dir, List<PhaseResult> phases, Baselines raw, String machine) throws IOException {
        double rawProduce = raw.oneByOne();
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("phase,target_per_s,achieved_per_s,requests,accepted,rejected,errors,"
                + "p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms,ratio_to_raw_produce_one_by_one,ratio_to_raw_produce_pipelined\n");
        for (PhaseResult p : phases) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%.0f,%d,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.3f,%.4f%n", p.name(), p.targetRate(),
                    p.achievedRate(), p.requests(), p.accepted(), p.rejected(), p.errors(), p.ms(50), p.ms(90), p.ms(99), p.ms(99.9),
                    p.latencyMicros().getMaxValue() / 1000.0, p.achievedRate() / raw.oneByOne(), p.achievedRate() / raw.pipelined()));
        }
        csv.append(String.format(Locale.ROOT, "raw-produce-one-by-one-%d-workers,0,%.0f,,,,,,,,,,1.000,%n", raw.concurrency(), raw.oneByOne()));
        csv.append(String.format(Locale.ROOT, "raw-produce-pipelined,0,%.0f,,,,,,,,,,,1.0000%n", raw.pipelined()));
        Files.writeString(dir.resolve("verification-bench.csv"), csv);

        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("POST /v1/verifications latency (" + machine.split(",")[0] + ", all on one box)")
                .xAxisTitle("percentile, log scale: 1 = p90, 2 = p99, 3 = p99.9").yAxisTitle("latency (ms)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        for (PhaseResult p : phases) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : p.latencyMicros().percentiles(5)) {
                double pct = Math.min(v.getPercentileLevelIteratedTo(), 99.9999);
                x.add(Math.log10(100.0 / (100.0 - pct)));
                y.add(Math.max(0.01, v.getValueIteratedTo() / 1000.0));
            }
            if (!x.isEmpty()) {
                chart.addSeries(p.name(), x, y).setMarker(SeriesMarkers.NONE);
            }
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve("verification-latency").toString(), BitmapEncoder.BitmapFormat.PNG);

        System.out.println();
        System.out.println("POST /v1/verifications on " + machine);
        System.out.printf(Locale.ROOT, "%-14s %9s %10s %9s %9s %7s %8s %8s %8s %9s %6s%n", "phase", "target/s", "achieved/s",
                "accepted", "rejected", "errors", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "ratio");
        for (PhaseResult p : phases) {
            System.out.printf(Locale.ROOT, "%-14s %9s %10.0f %9d %9d %7d %8.2f %8.2f %8.2f %9.2f %6.2f%n", p.name(),
                    p.targetRate() == 0 ? "max" : Integer.toString(p.targetRate()), p.achievedRate(), p.accepted(), p.rejected(),
                    p.errors(), p.ms(50), p.ms(99), p.ms(99.9), p.latencyMicros().getMaxValue() / 1000.0, p.achievedRate() / rawProduce);
        }
        System.out.printf(Locale.ROOT, "%-14s %9s %10.0f   (%d-byte records, acks=all, idempotent, linger 0, %d workers each waiting"
                + " for its ack: the ratio column)%n", "raw produce", "1-by-1", raw.oneByOne(), raw.recordBytes(), raw.concurrency());
        System.out.printf(Locale.ROOT, "%-14s %9s %10.0f   (same records, pipelined: best case; maximum / this = %.3f)%n", "raw produce",
                "pipelined", raw.pipelined(), phases.get(phases.size() - 1).achievedRate() / raw.pipelined());
        System.out.println("written: " + dir.resolve("verification-bench.csv") + ", " + dir.resolve("verification-latency.png"));
    }
}
