package jp.shinkin.otp.notifications;

/**
 * The relay refused the recipient for good (a malformed or unknown address): trying again cannot
 * help, so the notice is recorded as refused and the next one goes on. The address is not quoted.
 */
public class MailRefused extends RuntimeException {
    public MailRefused(String eventId) {
        super("the recipient of the notice for event " + eventId + " was refused for good");
    }
}
