package jp.shinkin.otp.credentials;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import jp.shinkin.otp.domain.contract.OtpPolicy;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.SeedOpener;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.messaging.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the credential topology is built with: its policy, keys and serde, and the hooks of whoever
 * hosts it (decisions handed back, answers gated).
 *
 * @param topicPrefix prefix of every topic name (empty in production; tests isolate with it)
 * @param wireSerde   the Avro serde of the shared topics (registry-backed)
 * @param persistent  RocksDB stores (true) or in-memory ones (tests that want no disk)
 */
public record CredentialSettings(String topicPrefix, OtpPolicy policy, CodeSealer codes, KekRing keks,
                                 Serde<SpecificRecord> wireSerde, Duration replyTtl, DecisionListener listener,
                                 AnswerGate answers, boolean persistent) {
    public CredentialSettings {
        Objects.requireNonNull(topicPrefix);
        Objects.requireNonNull(policy);
        Objects.requireNonNull(codes);
        Objects.requireNonNull(keks);
        Objects.requireNonNull(wireSerde);
        Objects.requireNonNull(replyTtl);
        Objects.requireNonNull(listener);
        Objects.requireNonNull(answers);
    }

    String topic(Topic<?, ?> topic) {
        return topic.nameIn(topicPrefix);
    }

    /** Opens seeds with the wrapped data keys of the global key store. */
    SeedOpener seedOpener(KeyValueStore<String, SpecificRecord> keys) {
        return new SeedVault(keks, new SecureRandom()).opener(WrappedKeys.in(keys));
    }
}
