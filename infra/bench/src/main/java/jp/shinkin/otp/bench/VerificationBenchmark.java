package jp.shinkin.otp.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.Purpose;
import jp.shinkin.otp.wire.RequestContext;
import jp.shinkin.otp.wire.command.VerifyOtpCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@code infra/bench/run}: seeds contracts, then measures verifications at fixed rates and at the
 * maximum, and the raw produce rate, against the platform started by {@code infra/run}.
 */
public final class VerificationBenchmark {
    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        Serde<SpecificRecord> wire = new AvroSerdes(RegistrySettings.forBaseUrl(settings.registryUrl())).valueSerde(Topics.EVENTS);
        long ram = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(ram / (1024.0 * 1024 * 1024))
                + " GiB RAM, broker + registry + service + load generator on one box";

        RawProduceBaseline.prepare(settings);
        BenchContracts contracts = BenchContracts.seed(settings, wire);
        ProcessCpu cpu = ProcessCpu.of(platformPorts(settings));
        System.out.println("measuring CPU of " + cpu.pids());
        List<PhaseResult> phases = new ArrayList<>();
        try (HttpLoad load = new HttpLoad(settings, contracts, Math.max(settings.maxConcurrency(), 256))) {
            // Warm the JITs (service and broker) and the connections: 20 s over 3,000 contracts that the measured
            // phases do not use in this step; after their first code the rest are replays, which take the same path
            // (seed opened, window checked, event written) and answer E1008.
            awaitQuiet(cpu);
            PhaseResult warm = load.fixedRate("warm-up", 1500, 20, 0, 3000);
            System.out.printf("warm-up    done: %.0f/s, p99 %.2f ms%n", warm.achievedRate(), warm.ms(99));
            failIfBroken(List.of(warm));
            int offset = 3000;
            for (int rate : settings.rates()) {
                awaitQuiet(cpu);
                awaitNextStep();
                int first = offset;
                PhaseResult r = measured(cpu, () -> load.fixedRate("rate-" + rate, rate, settings.phaseSeconds(), first));
                phases.add(r);
                System.out.printf("phase %-10s done: %.0f/s, p99 %.2f ms, CPU µs/request %s%n", r.name(), r.achievedRate(), r.ms(99),
                        rounded(r.cpuMicrosPerRequest()));
            }
            awaitQuiet(cpu);
            awaitNextStep();
            System.out.println("phase maximum starting");
            PhaseResult max = measured(cpu, () -> load.maximum("maximum", settings.phaseSeconds(), settings.maxConcurrency(), 0));
            phases.add(max);
            System.out.printf("phase %-10s done: %.0f/s, p99 %.2f ms, CPU µs/request %s%n", max.name(), max.achievedRate(), max.ms(99),
                    rounded(max.cpuMicrosPerRequest()));
            awaitQuiet(cpu);
            PhaseResult floor = measured(cpu, () -> load.floor("http-floor", Math.min(settings.phaseSeconds(), 10),
                    settings.maxConcurrency()));
            System.out.printf("phase %-10s done: %.0f/s (answered 401 before any Kafka work), CPU µs/request %s%n", floor.name(),
                    floor.achievedRate(), rounded(floor.cpuMicrosPerRequest()));
            failIfBroken(phases);
            if (floor.statuses().getOrDefault(401, 0L) < floor.requests() * 0.99) {
                System.err.println("error: the HTTP floor phase expected 401 answers, got " + floor.statuses());
                System.exit(2);
            }
            phases.add(floor);
        }

        int recordBytes = wire.serializer().serialize(Topics.COMMANDS.name(), sampleCommand()).length;
        double pipelined = RawProduceBaseline.recordsPerSecond(settings, recordBytes, settings.phaseSeconds());
        double oneByOne = RawProduceBaseline.acknowledgedOneByOne(settings, recordBytes, settings.phaseSeconds(),
                settings.maxConcurrency());
        BenchReport.write(settings.output(), phases, new BenchReport.Baselines(recordBytes, pipelined, oneByOne,
                settings.maxConcurrency()), machine);
        System.exit(0);
    }

    private interface Phase {
        PhaseResult run() throws InterruptedException;
    }

    private static PhaseResult measured(ProcessCpu cpu, Phase phase) throws InterruptedException {
        Map<String, Double> before = cpu.seconds();
        PhaseResult r = phase.run();
        return r.withCpu(ProcessCpu.perRequest(before, cpu.seconds(), r.requests()));
    }

    /**
     * Until the service and the broker are idle (under a tenth of a core over a second, at most
     * 3 min): a phase must not be charged with a backlog the previous one left (registrations,
     * fraud analytics catching up, compaction).
     */
    private static void awaitQuiet(ProcessCpu cpu) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            Map<String, Double> before = cpu.seconds();
            Thread.sleep(1000); // sampling CPU use over a second of wall-clock time
            Map<String, Double> after = cpu.seconds();
            double busy = 0;
            for (String p : List.of("service", "broker")) {
                busy += after.getOrDefault(p, 0.0) - before.getOrDefault(p, 0.0);
            }
            if (busy < 0.1) {
                return;
            }
        }
        System.out.println("warning: the platform was still busy after 3 min; measuring anyway");
    }

    private static void failIfBroken(List<PhaseResult> phases) {
        BenchVerdict.failure(phases).ifPresent(message -> {
            System.err.println(message);
            System.exit(2);
        });
    }

    private static Map<String, Integer> platformPorts(BenchSettings s) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("service", URI.create(s.baseUrl()).getPort());
        ports.put("broker", Integer.parseInt(s.bootstrap().substring(s.bootstrap().lastIndexOf(':') + 1)));
        ports.put("registry", URI.create(s.registryUrl()).getPort());
        return ports;
    }

    private static Map<String, Long> rounded(Map<String, Double> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Math.round(v)));
        return out;
    }

    /** Every phase starts in a fresh 30-s step, so no contract's code is a replay of the previous phase. */
    static void awaitNextStep() throws InterruptedException {
        long now = System.currentTimeMillis();
        long next = (now / 30_000 + 1) * 30_000 + 200;
        Thread.sleep(next - now); // waiting for wall-clock time itself, not for Kafka
    }

    private static SpecificRecord sampleCommand() {
        var codes = new CodeSealer("transport-1", new byte[32], new SecureRandom());
        return VerifyOtpCommand.newBuilder()
                .setMetadata(CommandMetadata.newBuilder().setCommandId(UUID.randomUUID().toString())
                        .setIssuedAt(Instant.now()).setCorrelationId(UUID.randomUUID().toString())
                        .setActor(new Actor(ActorType.CHANNEL, "verification-api", null))
                        .setIdempotencyKey(null).build())
                .setContractId("bench-ABC-12345").setPurpose(Purpose.LOGIN)
                .setOtp(WireConversions.sealedBytes(codes.seal("123456")))
                .setTransferHash(null)
                .setContext(new RequestContext("192.0.2.10", "bench", null)).build();
    }
}
