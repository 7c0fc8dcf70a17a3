package jp.shinkin.otp.service.pages;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /web/bank}: the bank's name and desks for the customer pages (public, nothing secret). */
@Controller("/web/bank")
@Requires(property = "otp.web.enabled", notEquals = "false")
public class BankProfileController {
    private final BankProfile bank;

    public BankProfileController(BankProfile bank) {
        this.bank = bank;
    }

    @Get
    public MutableHttpResponse<Map<String, Map<String, String>>> profile() {
        Map<String, Map<String, String>> answer = new LinkedHashMap<>();
        answer.put("ja", Map.of("bankName", bank.getNameJa(), "deskPhone", bank.getDeskPhone(), "deskHours", bank.getDeskHoursJa(),
                "lostPhone", bank.getLostPhone(), "lostHours", bank.getLostHoursJa()));
        answer.put("en", Map.of("bankName", bank.getNameEn(), "deskPhone", bank.getDeskPhone(), "deskHours", bank.getDeskHoursEn(),
                "lostPhone", bank.getLostPhone(), "lostHours", bank.getLostHoursEn()));
        return HttpResponse.ok(answer).header("Cache-Control", "max-age=300");
    }
}
