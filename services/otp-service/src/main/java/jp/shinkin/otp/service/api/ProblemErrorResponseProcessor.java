package jp.shinkin.otp.service.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;

/**
 * Turns the framework's own error answers (bad JSON, unknown route, wrong method, body too large,
 * wrong media type, validation) into problem+json with a result code and, where known, the field.
 * Internal details (exception messages, stack traces) never reach the caller.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.status();
        String code = ApiCodes.codeFor(status);
        String field = field(context);
        String detail = switch (status) {
            case BAD_REQUEST -> field != null ? "invalid value for '" + field + "'" : "the request body is not valid JSON of the expected shape";
            case NOT_FOUND -> "no endpoint at " + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED -> context.getRequest().getMethodName() + " is not allowed here";
            case REQUEST_ENTITY_TOO_LARGE -> "the request body exceeds the size limit";
            default -> null;
        };
        Problem problem = new Problem("about:blank", ApiCodes.title(code), status.getCode(), code, detail, field);
        return base.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private static String field(ErrorContext context) {
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof ConversionErrorException conversion) {
            return conversion.getArgument().getName();
        }
        if (cause instanceof ConstraintViolationException violations) {
            return violations.getConstraintViolations().stream()
                    .map(v -> {
                        String path = v.getPropertyPath().toString();
                        return path.substring(path.lastIndexOf('.') + 1);
                    })
                    .findFirst().orElse(null);
        }
        return context.getErrors().stream().flatMap(e -> e.getPath().stream()).findFirst()
                .map(p -> p.substring(p.lastIndexOf('.') + 1)).orElse(null);
    }
}
