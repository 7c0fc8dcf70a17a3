package jp.shinkin.otp.service;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The platform's HTTP API: one base URL for the banking channel and for operations. */
@OpenAPIDefinition(
        info = @Info(title = "otp-platform", version = "v1",
                description = "One-time-password platform for shinkin internet banking: token issuer, customer flows "
                        + "(role channel), verification, operations (role operations). Errors are application/problem+json "
                        + "with a five-character result code."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <API key>; keys carry the role channel or operations")
public final class OtpServiceApplication {
    private OtpServiceApplication() {
    }

    public static void main(String[] args) {
        ParentWatchdog.startIfLaunched();
        // Unsafe settings outside dev (ProductionSafety) stop the start here: Micronaut logs the
        // refusal, which names every problem on one line, and exits with status 1.
        Micronaut.build(args).banner(false).mainClass(OtpServiceApplication.class).start();
    }
}
