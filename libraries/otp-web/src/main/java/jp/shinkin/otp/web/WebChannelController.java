package jp.shinkin.otp.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reference web channel's server side: the customer pages call {@code /web/api/...}, and this
 * relays the call to the platform's own {@code /v1/...} customer flows with the channel's API key,
 * the way a bank's internet-banking server would. The browser never holds the API key nor the
 * session token (an HttpOnly cookie); only the customer-flow endpoints are reachable.
 */
@Controller("/web/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "otp.web.enabled", notEquals = "false")
public class WebChannelController {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json;
    private final String platformUrl;
    private final String channelKey;

    public WebChannelController(JsonMapper json, WebChannelSettings settings) {
        this.json = json;
        this.platformUrl = settings.platformUrl();
        this.channelKey = settings.channelKey();
    }

    @Get("/{+path}")
    public MutableHttpResponse<?> get(HttpRequest<?> request, @PathVariable String path) {
        return relay("GET", request, path, null);
    }

    @Post("/{+path}")
    public MutableHttpResponse<?> post(HttpRequest<?> request, @PathVariable String path, @Nullable @Body String body) {
        return relay("POST", request, path, body);
    }

    @Put("/{+path}")
    public MutableHttpResponse<?> put(HttpRequest<?> request, @PathVariable String path, @Nullable @Body String body) {
        return relay("PUT", request, path, body);
    }

    /**
     * Log out: the platform ends every session of the contract ({@code DELETE /v1/sessions}), and
     * the cookie is dropped whatever the platform answered.
     */
    @Delete("/session")
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        Optional<String> session = WebSessionCookie.of(request);
        if (session.isPresent() && SameOrigin.check(request.getHeaders())) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(URI.create(platformUrl + "/v1/sessions"))
                        .timeout(Duration.ofSeconds(15))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + channelKey)
                        .header(WebChannelSettings.SESSION_HEADER, session.get())
                        .DELETE().build(), BodyHandlers.discarding());
            } catch (IOException e) {
                // The cookie goes anyway; the session idles out by itself.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return HttpResponse.noContent().cookie(WebSessionCookie.cleared(request));
    }

    private MutableHttpResponse<?> relay(String method, HttpRequest<?> request, String path, String body) {
        if (!WebChannelRoutes.allowed(method, path)) {
            return WebProblems.response("E4040", null, null);
        }
        if (!SameOrigin.check(request.getHeaders())) {
            return WebProblems.response("E4030", "requests must come from this site's own pages", null);
        }
        boolean withBody = !"GET".equals(method);
        if (withBody && !request.getContentType().map(MediaType.APPLICATION_JSON_TYPE::matches).orElse(false)) {
            return WebProblems.response("E4150", null, null);
        }
        Map<String, Object> fields;
        try {
            fields = body == null || body.isBlank() ? new LinkedHashMap<>() : new LinkedHashMap<>(json.readValue(body, OBJECT));
        } catch (IOException | RuntimeException e) {
            return WebProblems.response("E4000", "send a JSON object", null);
        }
        // The session comes from the cookie and the context from the connection, never from the page.
        fields.remove("sessionId");
        fields.remove("context");
        if (WebChannelRoutes.carriesContext(path)) {
            fields.put("context", context(request));
        }
        try {
            java.net.http.HttpRequest.Builder forward = java.net.http.HttpRequest.newBuilder(URI.create(platformUrl + "/v1/" + path))
                    .timeout(Duration.ofSeconds(15))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + channelKey)
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                    .method(method, withBody ? BodyPublishers.ofByteArray(json.writeValueAsBytes(fields)) : BodyPublishers.noBody());
            WebSessionCookie.of(request).ifPresent(token -> forward.header(WebChannelSettings.SESSION_HEADER, token));
            return answer(request, http.send(forward.build(), BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return WebProblems.unavailable("the platform did not answer; retry shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WebProblems.unavailable("interrupted; retry shortly");
        }
    }

    private MutableHttpResponse<?> answer(HttpRequest<?> request, java.net.http.HttpResponse<String> platform) throws IOException {
        String contentType = platform.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(MediaType.APPLICATION_JSON);
        String session = platform.headers().firstValue(WebChannelSettings.SESSION_HEADER).orElse(null);
        String body = platform.body();
        if (contentType.startsWith(MediaType.APPLICATION_JSON) && body.contains("\"sessionId\"")) {
            Map<String, Object> fields = new LinkedHashMap<>(json.readValue(body, OBJECT));
            Object inBody = fields.remove("sessionId");
            session = session != null ? session : (String) inBody;
            body = new String(json.writeValueAsBytes(fields), StandardCharsets.UTF_8);
        }
        MutableHttpResponse<String> relayed = HttpResponse.<String>status(HttpStatus.valueOf(platform.statusCode()))
                .body(body).contentType(contentType).header(HttpHeaders.CACHE_CONTROL, "no-store");
        platform.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(v -> relayed.header(HttpHeaders.RETRY_AFTER, v));
        if (session != null) {
            relayed.cookie(WebSessionCookie.holding(session, request));
        }
        return relayed;
    }

    private static Map<String, String> context(HttpRequest<?> request) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("clientIp", request.getRemoteAddress().getAddress().getHostAddress());
        String agent = request.getHeaders().get(HttpHeaders.USER_AGENT);
        if (agent != null && !agent.isBlank()) {
            context.put("userAgent", agent.length() > 512 ? agent.substring(0, 512) : agent);
        }
        return context;
    }
}
