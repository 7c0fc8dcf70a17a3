package jp.shinkin.otp.service.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import jp.shinkin.otp.service.fraud.FraudStreams;
import jp.shinkin.otp.service.hosting.CredentialStreams;
import jp.shinkin.otp.service.notices.NotificationStreams;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Kafka Streams' own metrics (process rate, commit latency, records lag per partition) and those of
 * their producers and consumers, for each application this instance runs, tagged {@code application}.
 */
@Context
public class StreamsMetricsBinder {
    private final List<KafkaStreamsMetrics> bound = new ArrayList<>();

    public StreamsMetricsBinder(MeterRegistry registry, CredentialStreams credentials, BeanProvider<FraudStreams> fraud,
                                BeanProvider<NotificationStreams> notices) {
        bind(registry, "credentials", credentials.streams());
        fraud.ifPresent(f -> bind(registry, "fraud", f.streams()));
        notices.ifPresent(n -> bind(registry, "notices", n.streams()));
    }

    private void bind(MeterRegistry registry, String application, KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of("application", application));
        metrics.bindTo(registry);
        bound.add(metrics);
    }

    @PreDestroy
    void close() {
        bound.forEach(KafkaStreamsMetrics::close);
    }
}
