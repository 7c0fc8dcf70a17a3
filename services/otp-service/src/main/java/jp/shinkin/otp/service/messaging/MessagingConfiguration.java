package jp.shinkin.otp.service.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/** Where the schema registry is, and the topic-name prefix (empty in production). */
@ConfigurationProperties("otp.messaging")
public class MessagingConfiguration {
    @NotBlank
    private String registryUrl;
    private String topicPrefix = "";

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
