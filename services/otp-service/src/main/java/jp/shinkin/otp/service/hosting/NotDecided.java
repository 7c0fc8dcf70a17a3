package jp.shinkin.otp.service.hosting;

import jp.shinkin.otp.service.api.Unavailable;

/** The command may or may not have been decided (not written, abandoned, not in time): the caller should retry (E5030). */
public final class NotDecided extends Unavailable {
    public NotDecided(String message) {
        super(message);
    }
}
