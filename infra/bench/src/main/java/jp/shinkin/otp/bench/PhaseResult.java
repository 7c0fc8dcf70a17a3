package jp.shinkin.otp.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One load phase: what was asked, what was achieved, the answers by HTTP status (-1: no answer),
 * the latency distribution (µs) and the CPU each process spent per request over the phase (µs).
 */
record PhaseResult(String name, int targetRate, double achievedRate, long requests, long accepted, long rejected, long errors,
                   Map<Integer, Long> statuses, Histogram latencyMicros, Map<String, Double> cpuMicrosPerRequest) {

    double ms(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double errorShare() {
        return requests == 0 ? 1.0 : (double) errors / requests;
    }

    PhaseResult withCpu(Map<String, Double> cpu) {
        return new PhaseResult(name, targetRate, achievedRate, requests, accepted, rejected, errors, statuses, latencyMicros, cpu);
    }
}
