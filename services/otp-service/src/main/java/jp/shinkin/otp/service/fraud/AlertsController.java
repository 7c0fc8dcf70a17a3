package jp.shinkin.otp.service.fraud;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.validation.RequestFields;

/** {@code GET /v1/ops/alerts?limit=100&contractId=…} (role operations): recent fraud alerts, newest first. */
@Controller("/v1/ops/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertsController {
    private final RecentAlerts alerts;

    public AlertsController(RecentAlerts alerts) {
        this.alerts = alerts;
    }

    @Get
    public MutableHttpResponse<?> recent(@Nullable @QueryValue Integer limit, @Nullable @QueryValue String contractId) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw ApiException.badField("limit", "1-1000");
        }
        if (contractId != null) {
            RequestFields.contractId(contractId, "contractId");
        }
        return HttpResponse.ok(Map.of("alerts", alerts.recent(n, contractId)));
    }
}
