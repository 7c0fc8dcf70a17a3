package jp.shinkin.otp.platform.local;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * {@code infra/mailbox ADDRESS}: prints the mails the development mail server holds for an address,
 * decoded (subject, date, body), as a person would read them — over IMAP, like any mail client.
 */
public final class DevMailbox {
    private DevMailbox() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length != 1 || args[0].startsWith("-")) {
            out.println("usage: infra/mailbox ADDRESS   (IMAP port: OTP_DEV_IMAP_PORT, default 3143)");
            System.exit(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
        }
        String port = System.getenv().getOrDefault("OTP_DEV_IMAP_PORT", "3143");
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("127.0.0.1", Integer.parseInt(port), args[0], "any");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();
                out.println(messages.length + " mail(s) for " + args[0]);
                for (Message m : messages) {
                    out.println();
                    out.println("--- " + m.getSentDate().toInstant() + "  " + m.getSubject());
                    out.print(m.getContent());
                }
                inbox.close(false);
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException | NumberFormatException e) {
            System.err.println("error: could not read the mailbox at imap://localhost:" + port
                    + " (is infra/run running?): " + e.getMessage());
            System.exit(1);
        }
    }
}
