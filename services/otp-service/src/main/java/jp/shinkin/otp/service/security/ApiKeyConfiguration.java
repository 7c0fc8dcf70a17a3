package jp.shinkin.otp.service.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * API keys from configuration ({@code OTP_CHANNEL_API_KEY}, {@code OTP_OPERATIONS_API_KEY}); the
 * dev defaults live only in application-dev.yml, so a production start without keys fails.
 */
@Context
@ConfigurationProperties("otp.api-keys")
public class ApiKeyConfiguration {
    @NotBlank
    @Size(min = 12)
    private String channel;
    @NotBlank
    @Size(min = 12)
    private String operations;

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getOperations() {
        return operations;
    }

    public void setOperations(String operations) {
        this.operations = operations;
    }
}
