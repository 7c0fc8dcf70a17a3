package jp.shinkin.otp.notifications;

import java.util.Objects;

/**
 * Who the notices come from and whom the customer should call: the bank's name and contact desk
 * (the same {@code otp.bank.*} settings the pages show) and the sender address.
 */
public record BankSender(String from, String nameJa, String nameEn, String deskPhone, String deskHoursJa,
                         String deskHoursEn, String lostPhone, String lostHoursJa, String lostHoursEn) {
    public BankSender {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(nameJa, "nameJa");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(deskPhone, "deskPhone");
        Objects.requireNonNull(deskHoursJa, "deskHoursJa");
        Objects.requireNonNull(deskHoursEn, "deskHoursEn");
        Objects.requireNonNull(lostPhone, "lostPhone");
        Objects.requireNonNull(lostHoursJa, "lostHoursJa");
        Objects.requireNonNull(lostHoursEn, "lostHoursEn");
    }
}
