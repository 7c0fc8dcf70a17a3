package jp.shinkin.otp.service.pages;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.shinkin.otp.service.api.Problems;
import jp.shinkin.otp.service.security.StaffDiscovery;
import jp.shinkin.otp.service.security.StaffIdentityConfiguration;

/**
 * {@code /console} and {@code /console/} lead to the operations console's page (static resources
 * serve files, not folders); {@code /console/sign-in} tells the page where operators sign in: the
 * staff identity provider's endpoints and the console's public client ID (no secret: the page uses
 * the authorization code flow with PKCE).
 */
@Controller("/console")
@Requires(property = "otp.web.enabled", notEquals = "false")
public class ConsoleEntrance {
    private static final URI PAGE = URI.create("/console/index.html");

    private final StaffIdentityConfiguration identity;
    private final StaffDiscovery discovery;

    public ConsoleEntrance(StaffIdentityConfiguration identity, StaffDiscovery discovery) {
        this.identity = identity;
        this.discovery = discovery;
    }

    /** Micronaut matches the path with and without the trailing slash. */
    @Get
    public HttpResponse<?> enter() {
        return HttpResponse.seeOther(PAGE);
    }

    @Get("/sign-in")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> signIn() {
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("issuer", identity.getIssuer());
            answer.put("clientId", identity.getConsoleClientId());
            answer.put("authorizationEndpoint", discovery.endpoint("authorization_endpoint"));
            answer.put("tokenEndpoint", discovery.endpoint("token_endpoint"));
            answer.put("endSessionEndpoint", discovery.metadata().get("end_session_endpoint"));
            return HttpResponse.ok(answer).header("Cache-Control", "no-store");
        } catch (IOException e) {
            return Problems.response("E5030", "the staff identity provider cannot be reached; retry shortly", null);
        }
    }
}
