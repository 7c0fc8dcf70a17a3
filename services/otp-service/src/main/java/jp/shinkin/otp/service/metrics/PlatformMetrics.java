package jp.shinkin.otp.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jp.shinkin.otp.domain.contract.LockReason;

/**
 * The platform's own meters, beside the JVM, HTTP and Kafka ones: what operations watch and the
 * alert rules in {@code infra/monitoring} fire on. Names are Micrometer's (dots); Prometheus shows
 * them with underscores ({@code otp_verification_seconds}, {@code otp_decisions_total}, …).
 */
@Singleton
public class PlatformMetrics {
    /** Verification latency at the edge that answered the channel, by purpose and result code. */
    static final String VERIFICATION = "otp.verification";
    /** Every decision of the single writer, by command and result code. */
    static final String DECISIONS = "otp.decisions";
    /** Requests handed to the contract's owner on another instance. */
    static final String FORWARDS = "otp.forwards";
    /** Answers 429 (E4290): a rate limit refused the request. */
    static final String RATE_LIMITED = "otp.rate.limited";
    /** Answers 503 (E5030): no owner, no decision in time, a store moving. */
    static final String UNAVAILABLE = "otp.unavailable";
    /** Contracts locked by too many wrong codes or passwords, by counter. */
    static final String LOCKS = "otp.locks";
    /** The API areas answers are counted by (few, fixed: a label per path would explode). */
    static final List<String> AREAS = List.of("verifications", "sessions", "otp", "transfers", "contracts",
            "tokens", "ops", "other");

    private final MeterRegistry registry;
    private final Map<String, Timer> verifications = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Counter forwards;

    public PlatformMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.forwards = Counter.builder(FORWARDS).description("requests forwarded to the contract's owner instance")
                .register(registry);
        // Registered at zero, so the alert rules and dashboards see a series before the first event.
        for (String area : AREAS) {
            answered(429, area, false);
            answered(503, area, false);
        }
        for (LockReason reason : LockReason.values()) {
            lockCounter(reason.name());
        }
    }

    public void locked(String reason) {
        lockCounter(reason).increment();
    }

    private Counter lockCounter(String reason) {
        return Counter.builder(LOCKS).description("contracts locked after too many wrong codes or passwords")
                .tag("reason", reason).register(registry);
    }

    public void verification(String purpose, String code, long nanos) {
        verifications.computeIfAbsent(purpose + "|" + code, key -> Timer.builder(VERIFICATION)
                        .description("POST /v1/verifications, from the request to the answer, at the instance that answered")
                        .tags("purpose", purpose, "code", code)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void decision(String command, String code) {
        decisions.computeIfAbsent(command + "|" + code, key -> Counter.builder(DECISIONS)
                .description("decisions of the single writer").tags("command", command, "code", code).register(registry))
                .increment();
    }

    public void forwarded() {
        forwards.increment();
    }

    public void answered(int status, String route) {
        answered(status, route, true);
    }

    private void answered(int status, String route, boolean count) {
        String name = status == 429 ? RATE_LIMITED : status == 503 ? UNAVAILABLE : null;
        if (name != null) {
            Counter counter = counter(name, route, n -> status == 429 ? "answers 429 E4290: a rate limit refused the request"
                    : "answers 503 E5030: no owner, no decision in time, or a store moving; the client retries");
            if (count) {
                counter.increment();
            }
        }
    }

    private Counter counter(String name, String route, Function<String, String> description) {
        return Counter.builder(name).description(description.apply(name)).tag("route", route).register(registry);
    }
}
