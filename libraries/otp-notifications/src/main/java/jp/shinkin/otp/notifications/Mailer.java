package jp.shinkin.otp.notifications;

/** Hands a mail to the bank's mail relay. */
public interface Mailer {
    /** Returns once the relay accepted the mail; throws {@link MailUnavailable} if it did not. */
    void send(OutgoingMail mail);
}
