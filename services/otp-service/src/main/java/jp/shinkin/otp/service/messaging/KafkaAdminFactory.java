package jp.shinkin.otp.service.messaging;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

@Factory
public class KafkaAdminFactory {
    @Singleton
    @Bean(preDestroy = "close")
    Admin admin(KafkaClients clients) {
        Map<String, Object> config = clients.base();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }
}
