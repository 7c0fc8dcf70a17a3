package jp.shinkin.otp.service.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the schema registry is, the topic-name prefix (empty in production), and the Kafka client
 * properties every client of the service gets ({@code otp.messaging.client.*}: TLS, SASL).
 */
@ConfigurationProperties("otp.messaging")
public class MessagingConfiguration {
    @NotBlank
    private String registryUrl;
    private String topicPrefix = "";
    private Map<String, Object> client = new HashMap<>();

    /** With dotted keys, whatever shape the binding gave the map. */
    public Map<String, String> getClient() {
        return FlatProperties.of(client);
    }

    public void setClient(Map<String, Object> client) {
        this.client = client;
    }

    public String getRegistryUrl() {
        return registryUrl;
    }

    public void setRegistryUrl(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }
}
