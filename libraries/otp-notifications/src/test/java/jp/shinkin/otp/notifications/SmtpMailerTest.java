package jp.shinkin.otp.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

/** Which refusals are for good (the mailbox) and which are the relay's own (tried again). */
class SmtpMailerTest {
    private static SendFailedException refused(int code, String text) throws Exception {
        InternetAddress to = new InternetAddress("ken@example.com");
        SMTPAddressFailedException failed = new SMTPAddressFailedException(to, "RCPT TO", code, code + " " + text);
        return new SendFailedException("Invalid Addresses", failed, new Address[0], new Address[0], new Address[] {to});
    }

    @Test
    void anUnknownOrBadMailboxIsRefusedForGood() throws Exception {
        assertThat(SmtpMailer.mailboxRefused(refused(550, "5.1.1 <ken@example.com>: user unknown"))).isTrue();
        assertThat(SmtpMailer.mailboxRefused(refused(553, "5.1.3 bad recipient address syntax"))).isTrue();
    }

    @Test
    void theRelaysOwnRefusalsAreTriedAgain() throws Exception {
        assertThat(SmtpMailer.mailboxRefused(refused(550, "5.7.1 relaying denied"))).isFalse();
        assertThat(SmtpMailer.mailboxRefused(refused(451, "4.3.0 try again later"))).isFalse();
        assertThat(SmtpMailer.mailboxRefused(refused(554, "5.1.1 transaction failed"))).isFalse();
        assertThat(SmtpMailer.mailboxRefused(new SendFailedException("no recipients"))).isFalse();
    }
}
