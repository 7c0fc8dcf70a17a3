package jp.shinkin.otp.notifications;

/**
 * The relay did not accept a mail. Nothing is skipped: the notices application stops at that
 * event and takes it up again from its last commit (its stream thread is replaced).
 */
public class MailUnavailable extends RuntimeException {
    public MailUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
