package jp.shinkin.otp.service.api;

import jp.shinkin.otp.domain.contract.ErrorCode;

/** Answers a request with a result code; the message must never contain a secret. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public ApiException(ErrorCode code, String detail, String field) {
        super(detail, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static ApiException badField(String field, String detail) {
        return new ApiException(ErrorCode.E4000, detail, field);
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
