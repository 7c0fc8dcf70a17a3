package jp.shinkin.otp.service.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shinkin.otp.domain.token.TokenPlatform;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.credentials.Origin;

/**
 * {@code POST /v1/tokens} (role channel): what the soft token app reaches, through the bank's app
 * backend, on first start. 201 with the token ID and the secret, shown this once.
 */
@Controller("/v1/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokensController {
    private static final Origin ISSUER = Origin.channel("token-issuer");

    private final TokenIssuer issuer;

    public TokensController(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Post
    public MutableHttpResponse<?> issue(@Nullable @Body NewTokenRequest body) {
        if (body == null) {
            throw ApiException.badField("body", "a JSON object is required");
        }
        TokenPlatform platform;
        try {
            platform = TokenPlatform.parse(body.platform());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badField("platform", "mobile or desktop");
        }
        TokenIssuer.IssuedToken token = issuer.issue(platform, ISSUER);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tokenId", token.tokenId().value());
        answer.put("secret", token.secret());
        answer.put("otpauthUri", token.otpauthUri());
        answer.put("digits", token.parameters().digits());
        answer.put("period", token.parameters().periodSeconds());
        answer.put("algorithm", token.parameters().algorithm().name());
        return HttpResponse.status(HttpStatus.CREATED).body(answer)
                .header("Cache-Control", "no-store");
    }

    @Serdeable
    public record NewTokenRequest(@Nullable String platform) {
    }
}
