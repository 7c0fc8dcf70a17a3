package jp.shinkin.otp.service.hosting;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How long a request waits ({@code otp.credentials.*}): for its contract's owner, then for its decision. */
@ConfigurationProperties("otp.credentials")
public class Deadlines {
    /** How long a request waits for its decision before answering E5030. */
    private Duration replyTimeout = Duration.ofSeconds(5);
    /** How long a request may look for the owner of a contract during a rebalance. */
    private Duration routingDeadline = Duration.ofSeconds(5);

    public Duration getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public Duration getRoutingDeadline() {
        return routingDeadline;
    }

    public void setRoutingDeadline(Duration routingDeadline) {
        this.routingDeadline = routingDeadline;
    }
}
