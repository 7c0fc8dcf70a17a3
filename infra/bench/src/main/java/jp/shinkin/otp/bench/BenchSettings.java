package jp.shinkin.otp.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark runs against and how hard. Flags {@code --name=value}; defaults match the
 * local platform started by {@code infra/run} (dev keys, ports 8080/9092/8081).
 */
record BenchSettings(String baseUrl, String bootstrap, String registryUrl, String apiKey, String kekBase64,
                     String transportKeyBase64, int contracts, List<Integer> rates, int phaseSeconds, int maxConcurrency,
                     Path output) {

    static BenchSettings parse(String[] args) {
        Map<String, String> f = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("usage: --contracts=100000 --rates=2000,5000 --seconds=10 --concurrency=128 "
                        + "--base-url=http://localhost:8080 --bootstrap=localhost:9092 --registry=http://localhost:8081 --out=DIR");
            }
            f.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return new BenchSettings(
                f.getOrDefault("base-url", "http://localhost:8080"),
                f.getOrDefault("bootstrap", "localhost:9092"),
                f.getOrDefault("registry", "http://localhost:8081"),
                f.getOrDefault("api-key", "dev-channel-key"),
                f.getOrDefault("kek", "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYmI="),
                f.getOrDefault("transport-key", "ZGV2LW9ubHktdHJhbnNwb3J0LWtleS0zMmJ5dGVzISE="),
                Integer.parseInt(f.getOrDefault("contracts", "100000")),
                Arrays.stream(f.getOrDefault("rates", "2000,5000").split(",")).map(String::strip).filter(r -> !r.isEmpty())
                        .map(Integer::parseInt).toList(),
                Integer.parseInt(f.getOrDefault("seconds", "10")),
                Integer.parseInt(f.getOrDefault("concurrency", "128")),
                Path.of(f.getOrDefault("out", "infra/bench/results")));
    }
}
