package jp.shinkin.otp.notifications;

import jp.shinkin.otp.domain.contract.NoticeLanguage;

/**
 * A letter on its way to one customer. {@code eventId} makes the mail's Message-ID, so the one
 * duplicate no sender can rule out (a crash between the relay's acceptance and the record that it
 * was sent) carries the same Message-ID as the first, and mail systems show it once.
 */
public record OutgoingMail(String to, Letter letter, String eventId, NoticeLanguage language) {
    @Override
    public String toString() {
        return "OutgoingMail[eventId=" + eventId + "]";
    }
}
