package jp.shinkin.otp.service.hosting;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jp.shinkin.otp.service.messaging.FlatProperties;

/**
 * The credential topology's settings ({@code otp.credentials.*} in application.yml). Raw Kafka
 * Streams properties go under {@code otp.credentials.streams}.
 */
@ConfigurationProperties("otp.credentials")
public class CredentialsConfiguration {
    /** This instance's address for interactive queries and forwarding, e.g. http://localhost:8080. */
    private String advertisedUrl = "http://localhost:8080";
    private String stateDir = "data/streams/otp-service";
    private Map<String, Object> streams = new HashMap<>();
    /** How long a request waits for its decision before answering E5030. */
    private Duration replyTimeout = Duration.ofSeconds(5);
    /** How long a request may look for the owner of a contract during a rebalance. */
    private Duration routingDeadline = Duration.ofSeconds(5);
    /** How long an Idempotency-Key's first answer is kept. */
    private Duration idempotencyTtl = Duration.ofHours(24);
    private int maxOtpFailures = 5;
    private int maxPasswordFailures = 5;
    private boolean persistentStores = true;
    /** Ask for a commit after each decision (answers wait for it) rather than at {@code commit.interval.ms}. */
    private boolean commitEachDecision = false;

    public boolean isCommitEachDecision() {
        return commitEachDecision;
    }

    public void setCommitEachDecision(boolean commitEachDecision) {
        this.commitEachDecision = commitEachDecision;
    }

    public String getAdvertisedUrl() {
        return advertisedUrl;
    }

    public void setAdvertisedUrl(String advertisedUrl) {
        this.advertisedUrl = advertisedUrl;
    }

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    /** With dotted keys, whatever shape the binding gave the map. */
    public Map<String, String> getStreams() {
        return FlatProperties.of(streams);
    }

    public void setStreams(Map<String, Object> streams) {
        this.streams = streams;
    }

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

    public Duration getIdempotencyTtl() {
        return idempotencyTtl;
    }

    public void setIdempotencyTtl(Duration idempotencyTtl) {
        this.idempotencyTtl = idempotencyTtl;
    }

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

    public boolean isPersistentStores() {
        return persistentStores;
    }

    public void setPersistentStores(boolean persistentStores) {
        this.persistentStores = persistentStores;
    }
}
