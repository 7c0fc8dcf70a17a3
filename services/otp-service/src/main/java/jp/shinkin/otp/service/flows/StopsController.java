package jp.shinkin.otp.service.flows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.service.gateway.FlowAnswers;

/**
 * Stopping OTP use (role channel), two screens as the manuals show: ID + password, then the current
 * code → 00002. With {@code "retire": true} the token is retired for good (nobody may register it again).
 */
@Controller("/v1/otp/stops")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StopsController {
    private final FlowSteps steps;

    public StopsController(FlowSteps steps) {
        this.steps = steps;
    }

    @Post
    public MutableHttpResponse<?> start(HttpRequest<?> request, @Nullable @Body FlowRequests.Credentials body) {
        return steps.password(request, body, ContractCommand.StartStop::new,
                (contractId, stopId, decided) -> HttpResponse.ok(Map.of("stopId", stopId)));
    }

    @Post("/{stopId}/complete")
    public MutableHttpResponse<?> complete(HttpRequest<?> request, @PathVariable String stopId,
                                           @Nullable @Body FlowRequests.Code body) {
        boolean retire = body != null && Boolean.TRUE.equals(body.retire());
        return steps.code(request, stopId, body, (ticket, otp) -> new ContractCommand.CompleteStop(ticket, otp, retire),
                (contractId, ticketId, decided) -> FlowAnswers.code(decided));
    }
}
