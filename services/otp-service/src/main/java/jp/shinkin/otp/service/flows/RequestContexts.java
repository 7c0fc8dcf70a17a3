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
        return new ChannelContext(bounded(context.get("clientIp"), 64, "context.clientIp"),
                bounded(context.get("deviceId"), 128, "context.deviceId"),
                bounded(context.get("userAgent"), 512, "context.userAgent"));
    }

    /**
     * Stricter than {@code /v1/verifications}' context (whose lenient check is its published API): a
     * given value must be non-blank, and it is trimmed, so one device is one fraud source.
     */
    private static String bounded(String value, int max, String field) {
        return value == null ? null : RequestFields.text(value, field, max);
    }
}
