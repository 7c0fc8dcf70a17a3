package jp.shinkin.otp.notifications;

import java.time.Duration;
import java.util.Objects;

/**
 * What the notices application is built with: the letters, the mail relay, where addresses are
 * opened, and how patiently it retries and waits.
 *
 * @param maxAge        a notice for an event older than this (by wall clock) is not sent
 * @param sentRetention how long a sent event's ID is remembered
 * @param keyPatience   how long after its event a notice waits for its address's key to be readable
 */
public record NoticeSettings(Letters letters, Mailer mailer, ContactAddresses addresses, Retry retry, Duration maxAge,
                             Duration sentRetention, Duration keyPatience) {
    public NoticeSettings(Letters letters, Mailer mailer, ContactAddresses addresses, Retry retry, Duration maxAge,
                          Duration sentRetention) {
        this(letters, mailer, addresses, retry, maxAge, sentRetention, Duration.ofMinutes(10));
    }

    public NoticeSettings {
        Objects.requireNonNull(letters);
        Objects.requireNonNull(mailer);
        Objects.requireNonNull(addresses);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(maxAge);
        Objects.requireNonNull(sentRetention);
    }

    /** How often, and how patiently, a mail the relay did not take is tried again before the thread gives up. */
    public record Retry(int attempts, Duration firstDelay) {
        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
        }
    }
}
