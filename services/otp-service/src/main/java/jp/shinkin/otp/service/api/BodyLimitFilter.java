package jp.shinkin.otp.service.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Set;

/**
 * API bodies are small JSON documents (64 KB); only the migration imports (a PSKC file, a bulk of
 * contracts) may be larger, up to the server's {@code max-request-size}. Checked on Content-Length
 * before the body is read; a chunked body is still bounded by {@code max-request-size}.
 */
@ServerFilter("/v1/**")
public class BodyLimitFilter implements Ordered {
    private static final Set<String> IMPORTS = Set.of("/v1/ops/tokens/imports", "/v1/ops/contracts/bulk");

    private final long limit;

    public BodyLimitFilter(@Value("${otp.api.max-body-size:64KB}") @ReadableBytes long limit) {
        this.limit = limit;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length > limit && !IMPORTS.contains(request.getPath())) {
            return Problems.response("E4130", "the request body exceeds " + limit + " bytes", null);
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
