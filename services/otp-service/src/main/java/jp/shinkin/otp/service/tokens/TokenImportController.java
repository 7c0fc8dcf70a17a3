package jp.shinkin.otp.service.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.shinkin.otp.domain.token.TokenPlatform;
import jp.shinkin.otp.service.api.ApiCodes;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.security.Caller;

/**
 * {@code POST /v1/ops/tokens/imports?platform=mobile} (an operator or the batch job): a PSKC (RFC 6030) file of
 * existing TOTP tokens, for a bank migrating its customers' tokens. All or nothing; a refused file
 * is answered E4000 with one line per bad key package.
 */
@Controller("/v1/ops/tokens/imports")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenImportController {
    private final TokenImporter importer;

    public TokenImportController(TokenImporter importer) {
        this.importer = importer;
    }

    @Post
    @Consumes({"application/pskc+xml", "application/xml", "text/xml"})
    public MutableHttpResponse<?> importPskc(HttpRequest<?> request, @Nullable @QueryValue String platform,
                                             @Nullable @Body byte[] body) {
        TokenPlatform where;
        try {
            where = platform == null ? TokenPlatform.MOBILE : TokenPlatform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("platform", "mobile or desktop");
        }
        if (body == null || body.length == 0) {
            return refused("the body must be a PSKC document", List.of());
        }
        try {
            List<String> imported = importer.importFile(body, where, Caller.of(request).origin());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("code", "00000");
            answer.put("imported", imported.size());
            answer.put("tokenIds", imported);
            return HttpResponse.ok(answer);
        } catch (PskcDocument.InvalidPskc e) {
            return refused(e.getMessage(), List.of());
        } catch (TokenImporter.Refused e) {
            return refused(e.getMessage(), e.problems());
        }
    }

    private static MutableHttpResponse<?> refused(String detail, List<PskcDocument.EntryProblem> problems) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", ApiCodes.title("E4000"));
        problem.put("status", 400);
        problem.put("code", "E4000");
        problem.put("detail", detail);
        problem.put("field", "body");
        problem.put("errors", problems);
        return HttpResponse.badRequest(problem).contentType(Problem.MEDIA_TYPE);
    }
}
