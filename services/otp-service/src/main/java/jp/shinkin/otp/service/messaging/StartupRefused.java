package jp.shinkin.otp.service.messaging;

/**
 * The service does not start on these settings; the message names every problem on one line, for
 * a supervisor's log. No stack trace: the message is the whole story.
 */
public final class StartupRefused extends RuntimeException {
    public StartupRefused(String message) {
        super(message, null, false, false);
    }
}
