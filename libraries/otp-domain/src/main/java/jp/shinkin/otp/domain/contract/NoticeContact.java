package jp.shinkin.otp.domain.contract;

import java.util.Objects;
import jp.shinkin.otp.domain.crypto.Sealed;

/**
 * Where the customer's notices go. The e-mail address is personal data: it is only ever held
 * sealed under a data key of its own ({@link Sealed#keyId()} names it), so destroying that key
 * erases every copy of the address, in the audit log included.
 *
 * @param address  the e-mail address, sealed
 * @param language the language the customer chose for notices
 */
public record NoticeContact(Sealed address, NoticeLanguage language) {
    public NoticeContact {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(language, "language");
    }
}
