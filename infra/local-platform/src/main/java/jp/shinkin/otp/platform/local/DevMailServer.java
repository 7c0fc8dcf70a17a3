package jp.shinkin.otp.platform.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A development mail server (GreenMail): the customer notices go to its SMTP port and a person
 * reads them over IMAP with any mail client, or curl ({@code curl -s "imap://localhost:3143/INBOX;UID=1"
 * -u hana@example.jp:any}): any user name is the mailbox of that address, any password opens it.
 * Listens on 127.0.0.1 only; mails live in memory until the platform stops.
 */
public final class DevMailServer implements AutoCloseable {
    /** As pinned in the root pom ({@code greenmail.version}). */
    public static final String VERSION = "2.1.5";

    private final GreenMail mail;

    /** Port 0: any free port (the tests). */
    public DevMailServer(int smtpPort, int imapPort) {
        mail = new GreenMail(new ServerSetup[]{setup(smtpPort, ServerSetup.PROTOCOL_SMTP), setup(imapPort, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    public void start() {
        mail.start();
    }

    public int smtpPort() {
        return mail.getSmtp().getPort();
    }

    public int imapPort() {
        return mail.getImap().getPort();
    }

    @Override
    public void close() {
        mail.stop();
    }
}
