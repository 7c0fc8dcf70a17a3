package jp.shinkin.otp.notifications;

import java.time.Instant;
import java.util.Optional;
import jp.shinkin.otp.wire.ContractLocked;
import jp.shinkin.otp.wire.ContractUnlocked;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.LoginOtpSettingChanged;
import jp.shinkin.otp.wire.TokenRegistered;
import jp.shinkin.otp.wire.TokenReset;
import jp.shinkin.otp.wire.TokenStopped;
import jp.shinkin.otp.wire.TokenSuspended;
import jp.shinkin.otp.wire.TransferLimitChanged;
import org.apache.avro.specific.SpecificRecord;

/**
 * One thing to tell a customer, taken from one event of the audit log: the event's ID (a notice is
 * sent once per event), what happened and when, and the few facts the letter names — never a
 * seed, a code or a password, and the token ID only with its middle masked.
 *
 * @param detail the suspension reason, the new limit's amount, or {@link #RETIRED} for a stop that retired the token
 */
public record Notice(String eventId, String contractId, NoticeKind kind, Instant at, Optional<String> maskedTokenId,
                     Optional<String> detail, Optional<String> currency) {
    public static final String RETIRED = "RETIRED";

    /** The notice an event calls for, if any. A device change is one notice (its {@code TokenRegistered}). */
    public static Optional<Notice> of(SpecificRecord event) {
        if (event instanceof TokenRegistered e) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), e.getDeviceChange() ? NoticeKind.DEVICE_CHANGED
                    : NoticeKind.REGISTERED, e.getTokenId(), null, null));
        } else if (event instanceof TokenStopped e) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), NoticeKind.STOPPED, e.getTokenId(),
                    e.getRetired() ? RETIRED : null, null));
        } else if (event instanceof TokenSuspended e) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), NoticeKind.SUSPENDED, e.getTokenId(),
                    e.getReason().name(), null));
        } else if (event instanceof TokenReset e) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), NoticeKind.RESET, e.getTokenId(), null, null));
        } else if (event instanceof ContractLocked e) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), NoticeKind.LOCKED, null, null, null));
        } else if (event instanceof ContractUnlocked e) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), NoticeKind.UNLOCKED, null, null, null));
        } else if (event instanceof TransferLimitChanged e) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), NoticeKind.LIMIT_CHANGED, null,
                    e.getDailyLimit(), e.getCurrency()));
        } else if (event instanceof LoginOtpSettingChanged e && !e.getRequired()) {
            return Optional.of(notice(e.getMetadata(), e.getContractId(), NoticeKind.LOGIN_OTP_OFF, null, null, null));
        }
        return Optional.empty();
    }

    /** {@code SKMT12345678} → {@code SKMT****5678}: enough for the customer to recognise, no more. */
    static String mask(String tokenId) {
        if (tokenId.length() <= 8) {
            return "****";
        }
        return tokenId.substring(0, 4) + "****" + tokenId.substring(tokenId.length() - 4);
    }

    private static Notice notice(EventMetadata m, String contractId, NoticeKind kind, String tokenId, String detail,
                                 String currency) {
        return new Notice(m.getEventId(), contractId, kind, m.getOccurredAt(),
                Optional.ofNullable(tokenId).map(Notice::mask), Optional.ofNullable(detail), Optional.ofNullable(currency));
    }
}
