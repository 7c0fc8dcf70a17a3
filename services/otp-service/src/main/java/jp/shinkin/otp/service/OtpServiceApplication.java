package jp.shinkin.otp.service;

import io.micronaut.runtime.Micronaut;

/** The platform's HTTP API: one base URL for the banking channel and for operations. */
public final class OtpServiceApplication {
    private OtpServiceApplication() {
    }

    public static void main(String[] args) {
        ParentWatchdog.startIfLaunched();
        Micronaut.build(args).banner(false).mainClass(OtpServiceApplication.class).start();
    }
}
