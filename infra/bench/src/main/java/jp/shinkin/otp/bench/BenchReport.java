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

    private static double cpu(PhaseResult p, String process) {
        return p.cpuMicrosPerRequest().getOrDefault(process, Double.NaN);
    }

    static void write(Path dir, List<PhaseResult> phases, Baselines raw, String machine) throws IOException {
        Files.createDirectories(dir);
        double floorRate = phases.stream().filter(p -> p.name().equals("http-floor")).mapToDouble(PhaseResult::achievedRate)
                .findFirst().orElse(Double.NaN);
        StringBuilder csv = new StringBuilder("phase,target_per_s,achieved_per_s,requests,accepted,rejected,errors,"
                + "p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms,ratio_to_raw_produce_one_by_one,ratio_to_raw_produce_pipelined,"
                + "share_of_http_floor,cpu_us_service,cpu_us_broker,cpu_us_registry,cpu_us_load_generator\n");
        for (PhaseResult p : phases) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%.0f,%d,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.3f,%.4f,%.3f,%.0f,%.0f,%.0f,%.0f%n",
                    p.name(), p.targetRate(), p.achievedRate(), p.requests(), p.accepted(), p.rejected(), p.errors(), p.ms(50), p.ms(90),
                    p.ms(99), p.ms(99.9), p.latencyMicros().getMaxValue() / 1000.0, p.achievedRate() / raw.oneByOne(),
                    p.achievedRate() / raw.pipelined(), p.achievedRate() / floorRate, cpu(p, "service"), cpu(p, "broker"),
                    cpu(p, "registry"), cpu(p, "load generator")));
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
        System.out.printf(Locale.ROOT, "%-12s %8s %10s %8s %8s %6s %7s %7s %8s %8s %6s | %s%n", "phase", "target/s", "achieved/s",
                "accepted", "rejected", "errors", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "floor",
                "CPU µs per request: service / broker / registry / load generator");
        for (PhaseResult p : phases) {
            System.out.printf(Locale.ROOT, "%-12s %8s %10.0f %8d %8d %6d %7.2f %7.2f %8.2f %8.2f %6.2f | %.0f / %.0f / %.0f / %.0f%n",
                    p.name(), p.targetRate() == 0 ? "max" : Integer.toString(p.targetRate()), p.achievedRate(), p.accepted(),
                    p.rejected(), p.errors(), p.ms(50), p.ms(99), p.ms(99.9), p.latencyMicros().getMaxValue() / 1000.0,
                    p.achievedRate() / floorRate, cpu(p, "service"), cpu(p, "broker"), cpu(p, "registry"), cpu(p, "load generator"));
        }
        System.out.println("floor: the share of the same run's HTTP floor (the endpoint answering 401 before any Kafka work)");
        System.out.printf(Locale.ROOT, "%-14s %9s %10.0f   (%d-byte records, acks=all, idempotent, linger 0, %d workers each waiting"
                + " for its ack: the ratio column)%n", "raw produce", "1-by-1", raw.oneByOne(), raw.recordBytes(), raw.concurrency());
        System.out.printf(Locale.ROOT, "%-14s %9s %10.0f   (same records, pipelined: best case; maximum / this = %.3f)%n", "raw produce",
                "pipelined", raw.pipelined(), phases.get(phases.size() - 1).achievedRate() / raw.pipelined());
        System.out.println("written: " + dir.resolve("verification-bench.csv") + ", " + dir.resolve("verification-latency.png"));
    }
}
