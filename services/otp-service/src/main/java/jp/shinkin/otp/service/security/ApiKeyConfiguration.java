package jp.shinkin.otp.service.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * API keys from configuration: the banking channel's ({@code OTP_CHANNEL_API_KEY}) and the service
 * key of the operations batch job ({@code OTP_OPERATIONS_API_KEY}, named {@code OTP_OPERATIONS_JOB}),
 * which imports and reads but never acts on a contract in a person's stead. The dev defaults live
 * only in application-dev.yml, so a production start without keys fails.
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
    /** The job the operations key belongs to (bulk and token imports, audit tools); events name it. */
    @NotBlank
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}")
    private String operationsJob = "operations-batch";

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

    public String getOperationsJob() {
        return operationsJob;
    }

    public void setOperationsJob(String operationsJob) {
        this.operationsJob = operationsJob;
    }
}
