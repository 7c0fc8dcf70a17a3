package jp.shinkin.otp.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The customer-flow endpoints the reference web channel may reach, and what it adds to them.
 * Anything else under {@code /web/api/} is 404: the browser gets no way into the rest of the API.
 */
final class WebChannelRoutes {
    private static final String ID = "[A-Za-z0-9_.~-]{1,200}";
    private static final List<Pattern> POST = List.of(
            Pattern.compile("sessions"),
            Pattern.compile("sessions/challenges/" + ID),
            Pattern.compile("otp/registrations"),
            Pattern.compile("otp/registrations/" + ID + "/(current-token|complete)"),
            Pattern.compile("otp/stops"),
            Pattern.compile("otp/stops/" + ID + "/complete"),
            Pattern.compile("transfers/authorizations"));
    private static final List<Pattern> GET = List.of(
            Pattern.compile("contracts/" + ID + "/settings"));
    private static final List<Pattern> PUT = List.of(
            Pattern.compile("contracts/" + ID + "/(login-otp|transfer-limit)"));
    /** The requests the platform's fraud analytics want the client's IP and user agent with. */
    private static final List<Pattern> WITH_CONTEXT = List.of(
            Pattern.compile("sessions/challenges/" + ID),
            Pattern.compile("transfers/authorizations"));

    private WebChannelRoutes() {
    }

    static boolean allowed(String method, String path) {
        List<Pattern> routes = switch (method) {
            case "GET" -> GET;
            case "POST" -> POST;
            case "PUT" -> PUT;
            default -> List.of();
        };
        return matchesAny(routes, path);
    }

    static boolean carriesContext(String path) {
        return matchesAny(WITH_CONTEXT, path);
    }

    private static boolean matchesAny(List<Pattern> patterns, String path) {
        return path != null && patterns.stream().anyMatch(p -> p.matcher(path).matches());
    }
}
