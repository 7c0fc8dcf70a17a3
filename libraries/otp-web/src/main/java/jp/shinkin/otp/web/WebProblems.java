package jp.shinkin.otp.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay's own refusals, in the platform's answer shape (RFC 9457 problem+json with the result
 * code on top), so the pages read every error alike whether the relay or the API refused.
 */
public final class WebProblems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private WebProblems() {
    }

    /** The codes the relay answers itself (the platform's test checks each against its own answer). */
    public static List<String> codes() {
        return Arrays.stream(Refusal.values()).map(Enum::name).toList();
    }

    /** The result codes the relay answers itself, each with its status and title. */
    private enum Refusal {
        E4000(HttpStatus.BAD_REQUEST, "malformed request"),
        E4030(HttpStatus.FORBIDDEN, "this API key's role may not call this endpoint"),
        E4040(HttpStatus.NOT_FOUND, "no such resource"),
        E4150(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported media type: send application/json"),
        E5030(HttpStatus.SERVICE_UNAVAILABLE, "temporarily unavailable; retry shortly");

        final HttpStatus status;
        final String title;

        Refusal(HttpStatus status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    public static MutableHttpResponse<Map<String, Object>> response(String code, String detail, String field) {
        Refusal refusal = Refusal.valueOf(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", refusal.title);
        problem.put("status", refusal.status.getCode());
        problem.put("code", code);
        if (detail != null) {
            problem.put("detail", detail);
        }
        if (field != null) {
            problem.put("field", field);
        }
        return HttpResponse.<Map<String, Object>>status(refusal.status).body(problem).contentType(MEDIA_TYPE);
    }

    public static MutableHttpResponse<Map<String, Object>> unavailable(String detail) {
        return response("E5030", detail, null).header("Retry-After", "1");
    }
}
