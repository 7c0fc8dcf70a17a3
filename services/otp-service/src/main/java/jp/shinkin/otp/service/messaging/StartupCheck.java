package jp.shinkin.otp.service.messaging;

/**
 * A check that must pass before any Kafka client exists: {@link KafkaClients} depends on every
 * bean of this type, so a Streams start that waits for the broker cannot delay a refusal. The
 * checks live with what they check (e.g. the security settings); this package knows only this type.
 */
public interface StartupCheck {
}
