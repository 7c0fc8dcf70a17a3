package jp.shinkin.otp.notifications;

/** A notice as the customer reads it: subject and plain-text body, in one language. */
public record Letter(String subject, String body) {
}
