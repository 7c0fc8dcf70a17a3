package jp.shinkin.otp.service.pages;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code otp.bank}: who the customer deals with — the bank's name, its contact desk and the desk
 * to call at once when the phone with the token is lost or stolen (as for a cash card), in
 * Japanese and English. The pages show them; a bank sets its own (the defaults are fictitious).
 */
@ConfigurationProperties("otp.bank")
@Serdeable
public class BankProfile {
    private String nameJa = "しんきん銀行";
    private String nameEn = "Shinkin Bank";
    private String deskPhone = "0120-000-000";
    private String deskHoursJa = "平日 9:00〜17:00";
    private String deskHoursEn = "weekdays 9:00-17:00";
    private String lostPhone = "0120-000-999";
    private String lostHoursJa = "24時間・365日受付";
    private String lostHoursEn = "24 hours, every day";

    public String getNameJa() {
        return nameJa;
    }

    public void setNameJa(String nameJa) {
        this.nameJa = nameJa;
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = nameEn;
    }

    public String getDeskPhone() {
        return deskPhone;
    }

    public void setDeskPhone(String deskPhone) {
        this.deskPhone = deskPhone;
    }

    public String getDeskHoursJa() {
        return deskHoursJa;
    }

    public void setDeskHoursJa(String deskHoursJa) {
        this.deskHoursJa = deskHoursJa;
    }

    public String getDeskHoursEn() {
        return deskHoursEn;
    }

    public void setDeskHoursEn(String deskHoursEn) {
        this.deskHoursEn = deskHoursEn;
    }

    public String getLostPhone() {
        return lostPhone;
    }

    public void setLostPhone(String lostPhone) {
        this.lostPhone = lostPhone;
    }

    public String getLostHoursJa() {
        return lostHoursJa;
    }

    public void setLostHoursJa(String lostHoursJa) {
        this.lostHoursJa = lostHoursJa;
    }

    public String getLostHoursEn() {
        return lostHoursEn;
    }

    public void setLostHoursEn(String lostHoursEn) {
        this.lostHoursEn = lostHoursEn;
    }
}
