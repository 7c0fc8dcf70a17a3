package jp.shinkin.otp.credentials;

/** What the channel tells about the customer's request (for fraud analytics); each part optional. */
public record ChannelContext(String clientIp, String deviceId, String userAgent) {
}
