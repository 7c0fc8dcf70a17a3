package jp.shinkin.otp.notifications;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Pattern;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * Sends over SMTP (Jakarta Mail, Eclipse Angus). The Message-ID derives from the event ID, and the
 * event ID travels in {@code X-Otp-Event-Id}, so the bank can match a mail to its event.
 */
public final class SmtpMailer implements Mailer {
    private final Session session;
    private final BankSender bank;
    private final String domain;
    private final String username;
    private final String password;

    /**
     * @param startTls require STARTTLS (the relay outside a development machine)
     * @param username empty for a relay that trusts the network it listens on
     */
    public SmtpMailer(String host, int port, boolean startTls, String username, String password, Duration timeout,
                      BankSender bank) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        props.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        props.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        props.put("mail.smtp.auth", Boolean.toString(!username.isEmpty()));
        this.session = Session.getInstance(props);
        this.bank = bank;
        this.domain = bank.from().contains("@") ? bank.from().substring(bank.from().indexOf('@') + 1) : "otp.invalid";
        this.username = username;
        this.password = password;
    }

    @Override
    public void send(OutgoingMail mail) {
        try {
            String messageId = "<notice." + digest(mail.eventId()) + "@" + domain + ">";
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            String name = mail.language() == NoticeLanguage.EN ? bank.nameEn() : bank.nameJa();
            message.setFrom(new InternetAddress(bank.from(), name, StandardCharsets.UTF_8.name()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            message.setSubject(mail.letter().subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.letter().body(), StandardCharsets.UTF_8.name());
            message.setHeader("Content-Language", mail.language().tag());
            message.setHeader("X-Otp-Event-Id", mail.eventId());
            message.setHeader("Auto-Submitted", "auto-generated");
            message.saveChanges();
            if (username.isEmpty()) {
                Transport.send(message);
            } else {
                Transport.send(message, username, password);
            }
        } catch (AddressException e) {
            throw new MailRefused(mail.eventId());
        } catch (SendFailedException e) {
            if (mailboxRefused(e)) {
                throw new MailRefused(mail.eventId());
            }
            throw new MailUnavailable("the mail relay did not accept the notice for event " + mail.eventId()
                    + " (" + e.getClass().getSimpleName() + ")", null);
        } catch (MessagingException | UnsupportedEncodingException e) {
            // The exception's text may quote the recipient: only its kind goes further.
            throw new MailUnavailable("the mail relay did not accept the notice for event " + mail.eventId()
                    + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /**
     * Only a refusal of the mailbox itself (enhanced status 5.1.x: no such user, bad address) is for
     * good; anything else — relaying denied, a full queue, a policy — is the relay's, and is retried.
     */
    static boolean mailboxRefused(MessagingException e) {
        for (Exception cause = e; cause != null;
             cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            if (cause instanceof SMTPAddressFailedException failed
                    && failed.getReturnCode() >= 550 && failed.getReturnCode() <= 553
                    && Pattern.compile("\\b5\\.1\\.\\d{1,3}\\b").matcher(String.valueOf(failed.getMessage())).find()) {
                return true;
            }
        }
        return false;
    }

    private static String digest(String eventId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
