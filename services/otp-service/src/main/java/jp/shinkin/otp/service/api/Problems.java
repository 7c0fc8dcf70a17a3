package jp.shinkin.otp.service.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Builds problem+json responses. */
public final class Problems {
    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(String code, String detail, String field) {
        HttpStatus status = ApiCodes.status(code);
        Problem problem = new Problem("about:blank", ApiCodes.title(code), status.getCode(), code, detail, field);
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status).body(problem)
                .contentType(Problem.MEDIA_TYPE);
        if (status == HttpStatus.UNAUTHORIZED && "E4010".equals(code)) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }

    /** E5030 with Retry-After: the caller should simply try again shortly. */
    public static MutableHttpResponse<Problem> unavailable(String detail) {
        return response("E5030", detail, null).header("Retry-After", "1");
    }
}
