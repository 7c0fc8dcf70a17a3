package jp.shinkin.otp.bench;

import org.HdrHistogram.Histogram;

/** One load phase: what was asked, what was achieved, and the latency distribution (µs). */
record PhaseResult(String name, int targetRate, double achievedRate, long requests, long accepted, long rejected, long errors,
                   Histogram latencyMicros) {

    double ms(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
