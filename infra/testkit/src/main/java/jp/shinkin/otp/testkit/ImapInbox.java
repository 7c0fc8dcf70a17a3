package jp.shinkin.otp.testkit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a mailbox the way a mail client does: over IMAP (the tests of the customer notices). */
public final class ImapInbox {
    public record Mail(String subject, String body, String messageId, String eventId, String language, String from) {
    }

    private ImapInbox() {
    }

    public static List<Mail> read(int imapPort, String user, String password) {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(imapPort));
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("127.0.0.1", imapPort, user, password);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Mail> mails = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    mails.add(new Mail(m.getSubject(), m.getContent().toString(), m.getHeader("Message-ID")[0],
                            m.getHeader("X-Otp-Event-Id")[0], m.getHeader("Content-Language")[0], m.getFrom()[0].toString()));
                }
                inbox.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("IMAP read failed: " + e, e);
        }
    }
}
