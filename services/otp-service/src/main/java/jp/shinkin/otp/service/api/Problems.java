package jp.shinkin.otp.service.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** A problem with members of its own (RFC 9457 extension members), e.g. what is left of a limit. */
    public static MutableHttpResponse<Map<String, Object>> withMembers(String code, String detail,
                                                                              Map<String, Object> members) {
        HttpStatus status = ApiCodes.status(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", ApiCodes.title(code));
        body.put("status", status.getCode());
        body.put("code", code);
        body.put("detail", detail);
        body.putAll(members);
        return HttpResponse.<Map<String, Object>>status(status).body(body).contentType(Problem.MEDIA_TYPE);
    }

    /** E5030 with Retry-After: the caller should simply try again shortly. */
    public static MutableHttpResponse<Problem> unavailable(String detail) {
        return response("E5030", detail, null).header("Retry-After", "1");
    }
}
