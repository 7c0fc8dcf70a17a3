package jp.shinkin.otp.service.flows;

import java.util.Map;
import jp.shinkin.otp.credentials.ChannelContext;
import jp.shinkin.otp.service.validation.RequestFields;

/** The channel's request context (client IP, device ID, user agent): bounded, printable, optional. */
final class RequestContexts {
    private RequestContexts() {
    }

    static ChannelContext of(Map<String, String> context) {
        if (context == null) {
            return null;
        }
        return RequestFields.channelContext(context.get("clientIp"), context.get("deviceId"), context.get("userAgent"), "context.");
    }
}
