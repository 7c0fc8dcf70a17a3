package jp.shinkin.otp.service.ops;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shinkin.otp.service.validation.RequestFields;

/** {@code GET /v1/ops/contracts/{id}/events} (role operations): the contract's audit trail from the event log. */
@Controller("/v1/ops/contracts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditTrailController {
    private final AuditTrail trail;

    public AuditTrailController(AuditTrail trail) {
        this.trail = trail;
    }

    @Get("/{contractId}/events")
    public MutableHttpResponse<?> events(@PathVariable String contractId) {
        RequestFields.contractId(contractId, "contractId");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contractId", contractId);
        answer.put("events", trail.events(contractId));
        return HttpResponse.ok(answer);
    }
}
