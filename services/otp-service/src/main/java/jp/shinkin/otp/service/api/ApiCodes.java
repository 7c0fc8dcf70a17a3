package jp.shinkin.otp.service.api;

import io.micronaut.http.HttpStatus;
import jp.shinkin.otp.domain.contract.ErrorCode;

/**
 * The HTTP status of every result code (DESIGN.md §4), and the codes given to the framework's own
 * answers that the contract has no domain code for (E4040, E4050, E4130, E4150: "E" + status + "0",
 * the pattern of E4000/E4010/E4030/E4290/E5030).
 */
public final class ApiCodes {
    private ApiCodes() {
    }

    public static HttpStatus status(String code) {
        return switch (code) {
            case "E4000" -> HttpStatus.BAD_REQUEST;
            case "E1001", "E1002", "E1008", "E4010" -> HttpStatus.UNAUTHORIZED;
            case "E1003", "E1009", "E1011", "E1014", "E1015", "E4030" -> HttpStatus.FORBIDDEN;
            case "E1004", "E1005", "E1007", "E1013", "E4040" -> HttpStatus.NOT_FOUND;
            case "E4050" -> HttpStatus.METHOD_NOT_ALLOWED;
            case "E1006", "E1010", "E1012" -> HttpStatus.CONFLICT;
            case "E4130" -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case "E4220" -> HttpStatus.UNPROCESSABLE_ENTITY;
            case "E4150" -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case "E4290" -> HttpStatus.TOO_MANY_REQUESTS;
            case "E5030" -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static HttpStatus status(ErrorCode code) {
        return status(code.name());
    }

    /** The code for a status the framework chose itself. */
    public static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "E4000";
            case UNAUTHORIZED -> "E4010";
            case FORBIDDEN -> "E4030";
            case NOT_FOUND -> "E4040";
            case METHOD_NOT_ALLOWED -> "E4050";
            case REQUEST_ENTITY_TOO_LARGE -> "E4130";
            case UNSUPPORTED_MEDIA_TYPE -> "E4150";
            case TOO_MANY_REQUESTS -> "E4290";
            case SERVICE_UNAVAILABLE -> "E5030";
            default -> status.getCode() >= 500 ? "E5000" : "E4000";
        };
    }

    public static String title(String code) {
        try {
            return ErrorCode.valueOf(code).title();
        } catch (IllegalArgumentException e) {
            return switch (code) {
                case "E4040" -> "no such resource";
                case "E4050" -> "method not allowed";
                case "E4130" -> "request body too large";
                case "E4150" -> "unsupported media type: send application/json";
                default -> "internal error";
            };
        }
    }
}
