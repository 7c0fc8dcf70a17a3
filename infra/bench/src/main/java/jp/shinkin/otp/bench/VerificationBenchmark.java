package jp.shinkin.otp.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
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
        long ram = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(ram / (1024.0 * 1024 * 1024))
                + " GiB RAM, broker + registry + service + load generator on one box";

        RawProduceBaseline.prepare(settings);
        BenchContracts contracts = BenchContracts.seed(settings, wire);
        HttpLoad load = new HttpLoad(settings, contracts);
        List<PhaseResult> phases = new ArrayList<>();
        // Warm the JITs (service and broker) and the connections: 20 s over 3,000 contracts that the measured
        // phases do not use in this step; after their first code the rest are replays, which take the same path
        // (seed opened, window checked, event written) and answer E1008.
        PhaseResult warm = load.fixedRate("warm-up", 1500, 20, 0, 3000);
        System.out.printf("warm-up    done: %.0f/s, p99 %.2f ms%n", warm.achievedRate(), warm.ms(99));
        int offset = 3000;
        for (int rate : settings.rates()) {
            awaitNextStep();
            PhaseResult r = load.fixedRate("rate-" + rate, rate, settings.phaseSeconds(), offset);
            phases.add(r);
            System.out.printf("phase %-10s done: %.0f/s, p99 %.2f ms%n", r.name(), r.achievedRate(), r.ms(99));
        }
        awaitNextStep();
        System.out.println("phase maximum starting");
        PhaseResult max = load.maximum("maximum", settings.phaseSeconds(), settings.maxConcurrency(), 0);
        phases.add(max);
        System.out.printf("phase %-10s done: %.0f/s, p99 %.2f ms%n", max.name(), max.achievedRate(), max.ms(99));

        int recordBytes = wire.serializer().serialize(Topics.COMMANDS.name(), sampleCommand()).length;
        double pipelined = RawProduceBaseline.recordsPerSecond(settings, recordBytes, settings.phaseSeconds());
        double oneByOne = RawProduceBaseline.acknowledgedOneByOne(settings, recordBytes, settings.phaseSeconds(),
                settings.maxConcurrency());
        BenchReport.write(settings.output(), phases, new BenchReport.Baselines(recordBytes, pipelined, oneByOne,
                settings.maxConcurrency()), machine);
        System.exit(0);
    }

    /** Every phase starts in a fresh 30-s step, so no contract's code is a replay of the previous phase. */
    static void awaitNextStep() throws InterruptedException {
        long now = System.currentTimeMillis();
        long next = (now / 30_000 + 1) * 30_000 + 200;
        Thread.sleep(next - now); // waiting for wall-clock time itself, not for Kafka
    }

    private static SpecificRecord sampleCommand() {
        var codes = new jp.shinkin.otp.domain.crypto.CodeSealer("transport-1", new byte[32], new java.security.SecureRandom());
        return jp.shinkin.otp.wire.command.VerifyOtpCommand.newBuilder()
                .setMetadata(jp.shinkin.otp.wire.CommandMetadata.newBuilder().setCommandId(java.util.UUID.randomUUID().toString())
                        .setIssuedAt(Instant.now()).setCorrelationId(java.util.UUID.randomUUID().toString())
                        .setActor(new jp.shinkin.otp.wire.Actor(jp.shinkin.otp.wire.ActorType.CHANNEL, "verification-api"))
                        .setIdempotencyKey(null).build())
                .setContractId("bench-ABC-12345").setPurpose(jp.shinkin.otp.wire.Purpose.LOGIN)
                .setOtp(jp.shinkin.otp.credentials.WireConversions.sealedBytes(codes.seal("123456")))
                .setTransferHash(null)
                .setContext(new jp.shinkin.otp.wire.RequestContext("192.0.2.10", "bench", null)).build();
    }
}
