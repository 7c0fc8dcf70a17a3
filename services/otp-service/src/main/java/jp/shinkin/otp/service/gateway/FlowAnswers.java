package jp.shinkin.otp.service.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;
import java.util.Optional;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.LockReason;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.security.Caller;

/** How a decision becomes an HTTP answer in the flows. */
public final class FlowAnswers {
    /** Commands from the banking channel's customer flows. */
    public static final Origin CHANNEL = Caller.Channel.ORIGIN;

    private FlowAnswers() {
    }

    /**
     * After the wrong code that leaves one attempt before the lock: how many are left. Only for
     * codes — a wrong password answers E1001 alone, whatever the count, so that no answer tells
     * an existing contract from an unknown one.
     */
    public static Optional<Integer> attemptsLeft(Decided decided) {
        return decided.events(ContractEvent.LockoutWarningIssued.class)
                .filter(w -> w.counter() == LockReason.OTP_FAILURES)
                .map(ContractEvent.LockoutWarningIssued::remainingAttempts).findFirst();
    }

    /** The result code as {@code {"code":"00001"}}, or the problem for a rejection. */
    public static MutableHttpResponse<?> code(Decided decided) {
        return decided.succeeded() ? HttpResponse.ok(Map.of("code", decided.resultCode().orElseThrow().code()))
                : problem(decided);
    }

    public static MutableHttpResponse<?> problem(Decided decided) {
        ErrorCode code = decided.errorCode().orElseThrow();
        Optional<Integer> left = attemptsLeft(decided);
        if (left.isPresent()) {
            return Problems.withMembers(code.name(), "one-time password is incorrect; " + left.get()
                    + " more wrong code locks the contract", Map.of("attemptsLeft", left.get()));
        }
        // E1001 never says whether the ID or the password was wrong.
        return Problems.response(code.name(), code == ErrorCode.E1001 ? "contract ID or password is wrong" : null, null);
    }
}
