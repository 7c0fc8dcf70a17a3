package jp.shinkin.otp.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run whose requests fail measures nothing: a wrong API key answered every request 401 and the
 * benchmark still printed a rate. More than 1 % failed requests in any measured phase fails the run.
 */
final class BenchVerdict {
    static final double MAX_ERROR_SHARE = 0.01;

    private BenchVerdict() {
    }

    /** Why the run must fail, if it must. */
    static Optional<String> failure(List<PhaseResult> phases) {
        for (PhaseResult p : phases) {
            if (p.requests() == 0 || p.errorShare() > MAX_ERROR_SHARE) {
                return Optional.of(String.format(Locale.ROOT,
                        "error: phase %s: %d of %d requests failed (%.1f %%; answers by HTTP status, -1 = none: %s) — "
                                + "check the API key (--api-key), that the platform is up, and its log",
                        p.name(), p.errors(), p.requests(), 100.0 * p.errorShare(), p.statuses()));
            }
        }
        return Optional.empty();
    }
}
