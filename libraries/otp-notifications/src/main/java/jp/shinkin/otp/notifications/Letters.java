package jp.shinkin.otp.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.shinkin.otp.domain.contract.NoticeLanguage;

/**
 * Writes the letter for a notice, in Japanese or English: what happened and when (bank time,
 * Asia/Tokyo), what to do if it was not the customer, the bank's desk, and the reminder that the
 * bank never asks for passwords or codes by e-mail. Plain text only: no links a phisher could
 * imitate.
 */
public final class Letters {
    private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JA_TIME = DateTimeFormatter.ofPattern("uuuu年M月d日 H時mm分", Locale.JAPAN)
            .withZone(BANK_ZONE);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'JST'", Locale.UK)
            .withZone(BANK_ZONE);

    private final BankSender bank;

    public Letters(BankSender bank) {
        this.bank = bank;
    }

    public Letter write(Notice notice, NoticeLanguage language) {
        return language == NoticeLanguage.EN ? english(notice) : japanese(notice);
    }

    private Letter japanese(Notice n) {
        String token = n.maskedTokenId().map(id -> "（トークンID " + id + "）").orElse("");
        String what = switch (n.kind()) {
            case REGISTERED -> "ワンタイムパスワードの利用登録を受け付けました" + token + "。";
            case DEVICE_CHANGED -> "ワンタイムパスワードの機種変更（新しいトークンの登録）を受け付けました" + token
                    + "。以前のトークンは使えなくなりました。";
            case STOPPED -> "ワンタイムパスワードの利用停止を受け付けました" + token + "。"
                    + (retired(n) ? "お申し出により、このトークンは今後登録できません。" : "");
            case SUSPENDED -> "お届けにより、ワンタイムパスワードの利用を停止しました" + token + "。" + reasonJa(n);
            case RESET -> "当金庫にて、ワンタイムパスワードの初期化を行いました" + token
                    + "。あらためてトークンの登録をお願いいたします。";
            case LOCKED -> "ワンタイムパスワードまたはパスワードを続けて間違えられたため、インターネットバンキングのご利用を制限しました。";
            case UNLOCKED -> "当金庫にて、ご利用の制限を解除しました。";
            case LIMIT_CHANGED -> "1日あたりの振込限度額を " + amountJa(n) + " に変更しました。";
            case LOGIN_OTP_OFF -> "ログイン時のワンタイムパスワード認証を「利用しない」に変更しました。"
                    + "振込・限度額変更には引き続きワンタイムパスワードが必要です。";
        };
        String subject = "【" + bank.nameJa() + "】" + switch (n.kind()) {
            case REGISTERED -> "ワンタイムパスワード利用登録のお知らせ";
            case DEVICE_CHANGED -> "ワンタイムパスワード機種変更のお知らせ";
            case STOPPED -> "ワンタイムパスワード利用停止のお知らせ";
            case SUSPENDED -> "ワンタイムパスワード利用停止（お届け）のお知らせ";
            case RESET -> "ワンタイムパスワード初期化のお知らせ";
            case LOCKED -> "ご利用制限（ロック）のお知らせ";
            case UNLOCKED -> "ご利用制限解除のお知らせ";
            case LIMIT_CHANGED -> "振込限度額変更のお知らせ";
            case LOGIN_OTP_OFF -> "ログイン時ワンタイムパスワード設定変更のお知らせ";
        };
        String body = bank.nameJa() + "をご利用いただき、ありがとうございます。\n\n"
                + JA_TIME.format(n.at()) + "、" + what + "\n\n"
                + "お心当たりのない場合は、至急下記までご連絡ください。\n"
                + "  " + bank.nameJa() + " お問い合わせ窓口 " + bank.deskPhone() + "（" + bank.deskHoursJa() + "）\n"
                + "  スマートフォンの紛失・盗難 " + bank.lostPhone() + "（" + bank.lostHoursJa() + "）\n\n"
                + "当金庫が電子メールでパスワードやワンタイムパスワードをおたずねすることはありません。\n"
                + "このメールは送信専用です。ご返信いただいてもお答えできません。\n";
        return new Letter(subject, body);
    }

    private Letter english(Notice n) {
        String token = n.maskedTokenId().map(id -> " (token ID " + id + ")").orElse("");
        String what = switch (n.kind()) {
            case REGISTERED -> "we registered your one-time password token" + token + ".";
            case DEVICE_CHANGED -> "we registered your token on a new device" + token + ". The previous token no longer works.";
            case STOPPED -> "one-time password use was stopped" + token + "."
                    + (retired(n) ? " As you asked, this token can never be registered again." : "");
            case SUSPENDED -> "as reported to us, we suspended your one-time password token" + token + "." + reasonEn(n);
            case RESET -> "the bank reset your one-time password token" + token + ". Please register a token again.";
            case LOCKED -> "internet banking was locked after repeated wrong one-time passwords or passwords.";
            case UNLOCKED -> "the bank lifted the lock on your internet banking.";
            case LIMIT_CHANGED -> "your daily transfer limit was changed to " + amountEn(n) + ".";
            case LOGIN_OTP_OFF -> "login no longer asks for a one-time password. Transfers and limit changes still need one.";
        };
        String subject = "[" + bank.nameEn() + "] " + switch (n.kind()) {
            case REGISTERED -> "One-time password token registered";
            case DEVICE_CHANGED -> "One-time password token moved to a new device";
            case STOPPED -> "One-time password use stopped";
            case SUSPENDED -> "One-time password token suspended";
            case RESET -> "One-time password token reset";
            case LOCKED -> "Internet banking locked";
            case UNLOCKED -> "Internet banking unlocked";
            case LIMIT_CHANGED -> "Daily transfer limit changed";
            case LOGIN_OTP_OFF -> "Login one-time password switched off";
        };
        String body = "Thank you for banking with " + bank.nameEn() + ".\n\n"
                + "On " + EN_TIME.format(n.at()) + ", " + what + "\n\n"
                + "If this was not you, call us at once:\n"
                + "  " + bank.nameEn() + " contact desk " + bank.deskPhone() + " (" + bank.deskHoursEn() + ")\n"
                + "  Lost or stolen phone " + bank.lostPhone() + " (" + bank.lostHoursEn() + ")\n\n"
                + "We never ask for your password or one-time password by e-mail.\n"
                + "This address only sends; replies are not read.\n";
        return new Letter(subject, body);
    }

    private static boolean retired(Notice n) {
        return n.detail().filter(Notice.RETIRED::equals).isPresent();
    }

    private static String reasonJa(Notice n) {
        return n.detail().map(r -> switch (r) {
            case "LOST" -> "理由：紛失";
            case "STOLEN" -> "理由：盗難";
            case "UNINSTALLED" -> "理由：アプリの削除";
            default -> "";
        }).orElse("");
    }

    private static String reasonEn(Notice n) {
        return n.detail().map(r -> switch (r) {
            case "LOST" -> " Reason: lost.";
            case "STOLEN" -> " Reason: stolen.";
            case "UNINSTALLED" -> " Reason: app uninstalled.";
            default -> "";
        }).orElse("");
    }

    private static String amountJa(Notice n) {
        String currency = n.currency().orElse("JPY");
        String amount = grouped(n.detail().orElse("0"), Locale.JAPAN);
        return "JPY".equals(currency) ? amount + "円" : amount + " " + currency;
    }

    private static String amountEn(Notice n) {
        return n.currency().orElse("JPY") + " " + grouped(n.detail().orElse("0"), Locale.UK);
    }

    private static String grouped(String amount, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(4);
        return format.format(new BigDecimal(amount));
    }
}
