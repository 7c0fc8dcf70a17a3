package jp.shinkin.otp.web;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * What ties the web channel to the platform, besides the problem answers' shape: where the API is
 * (this instance's advertised URL: the relay calls it like any channel server would), the channel's
 * API key, and the name of the session header. Nothing else: the relay only talks HTTP.
 */
@Singleton
public class WebChannelSettings {
    /** The header the platform's customer flows take and renew the session in. */
    public static final String SESSION_HEADER = "X-Session-Id";

    private final String platformUrl;
    private final String channelKey;

    public WebChannelSettings(@Value("${otp.credentials.advertised-url:`http://localhost:8080`}") String platformUrl,
                              @Value("${otp.api-keys.channel}") String channelKey) {
        this.platformUrl = Objects.requireNonNull(platformUrl);
        this.channelKey = Objects.requireNonNull(channelKey);
    }

    public String platformUrl() {
        return platformUrl;
    }

    public String channelKey() {
        return channelKey;
    }

    @Override
    public String toString() {
        return "WebChannelSettings[platformUrl=" + platformUrl + ", channelKey=<hidden>]";
    }
}
