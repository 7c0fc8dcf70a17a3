package jp.shinkin.otp.service.flows;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.credentials.Decided;

/** How a decision becomes an HTTP answer in the flows. */
public final class FlowAnswers {
    /** Commands from the banking channel's customer flows. */
    public static final Origin CHANNEL = jp.shinkin.otp.service.security.Caller.Channel.ORIGIN;

    private FlowAnswers() {
    }

    /** The result code as {@code {"code":"00001"}}, or the problem for a rejection. */
    public static MutableHttpResponse<?> code(Decided decided) {
        return decided.succeeded() ? HttpResponse.ok(Map.of("code", decided.resultCode().orElseThrow().code()))
                : problem(decided);
    }

    public static MutableHttpResponse<?> problem(Decided decided) {
        ErrorCode code = decided.errorCode().orElseThrow();
        // E1001 never says whether the ID or the password was wrong.
        return Problems.response(code.name(), code == ErrorCode.E1001 ? "contract ID or password is wrong" : null, null);
    }
}
