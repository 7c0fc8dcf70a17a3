package jp.shinkin.otp.service.hosting;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The bank's rules the single writer applies ({@code otp.credentials.*}): wrong codes and wrong
 * passwords before a lock, and how long an Idempotency-Key's first answer is kept.
 */
@ConfigurationProperties("otp.credentials")
public class SingleWriterPolicy {
    private int maxOtpFailures = 5;
    private int maxPasswordFailures = 5;
    /** How long an Idempotency-Key's first answer is kept. */
    private Duration idempotencyTtl = Duration.ofHours(24);

    public int getMaxOtpFailures() {
        return maxOtpFailures;
    }

    public void setMaxOtpFailures(int maxOtpFailures) {
        this.maxOtpFailures = maxOtpFailures;
    }

    public int getMaxPasswordFailures() {
        return maxPasswordFailures;
    }

    public void setMaxPasswordFailures(int maxPasswordFailures) {
        this.maxPasswordFailures = maxPasswordFailures;
    }

    public Duration getIdempotencyTtl() {
        return idempotencyTtl;
    }

    public void setIdempotencyTtl(Duration idempotencyTtl) {
        this.idempotencyTtl = idempotencyTtl;
    }
}
