package jp.shinkin.otp.domain.contract;

/** The five-character success codes customers see, as the banks' manuals show them. */
public enum ResultCode {
    OK("00000"),
    REGISTERED("00001"),
    STOPPED("00002"),
    TOKEN_CHANGED("00003");

    private final String code;

    ResultCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
