package jp.shinkin.otp.service.hosting;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.HashMap;
import java.util.Map;
import jp.shinkin.otp.service.messaging.FlatProperties;

/**
 * How this JVM runs its Kafka Streams applications ({@code otp.credentials.*}): the state folder,
 * raw Streams properties ({@code otp.credentials.streams}), persistent stores and when a decision
 * commits. The credential topology, fraud analytics and the notices share them.
 */
@ConfigurationProperties("otp.credentials")
public class StreamsHosting {
    private String stateDir = "data/streams/otp-service";
    private Map<String, Object> streams = new HashMap<>();
    private boolean persistentStores = true;
    /** Ask for a commit after each decision (answers wait for it) rather than at {@code commit.interval.ms}. */
    private boolean commitEachDecision = false;

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

    public boolean isPersistentStores() {
        return persistentStores;
    }

    public void setPersistentStores(boolean persistentStores) {
        this.persistentStores = persistentStores;
    }

    public boolean isCommitEachDecision() {
        return commitEachDecision;
    }

    public void setCommitEachDecision(boolean commitEachDecision) {
        this.commitEachDecision = commitEachDecision;
    }
}
