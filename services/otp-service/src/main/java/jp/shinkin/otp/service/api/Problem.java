package jp.shinkin.otp.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem document with the platform's result code on top, e.g.
 * {@code {"type":"about:blank","title":"malformed request","status":400,"code":"E4000","field":"otp"}}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, @Nullable String detail,
                      @Nullable String field) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
