package jp.shinkin.otp.service.security;

/** What an API key may call: the banking channel's endpoints, or the bank operations' ones. */
public enum Role {
    CHANNEL,
    OPERATIONS;

    /** The role an endpoint needs, by path: operations endpoints live under /v1/ops/. */
    public static Role requiredFor(String path) {
        return path.startsWith("/v1/ops/") || path.equals("/v1/ops") ? OPERATIONS : CHANNEL;
    }
}
