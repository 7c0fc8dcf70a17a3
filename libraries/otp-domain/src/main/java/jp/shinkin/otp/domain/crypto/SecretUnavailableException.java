package jp.shinkin.otp.domain.crypto;

/**
 * A sealed secret cannot be opened: its data key was destroyed (crypto-shredded), it was
 * tampered with, or the key-encryption key is not the one it was sealed under. The message never
 * contains secret material.
 */
public class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
        super(message);
    }

    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
