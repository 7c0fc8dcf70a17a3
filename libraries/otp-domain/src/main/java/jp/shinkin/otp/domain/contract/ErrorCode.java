package jp.shinkin.otp.domain.contract;

/** Error result codes (DESIGN.md §4). The HTTP status for each is the adapter's business. */
public enum ErrorCode {
    E1001("ID or password is incorrect"),
    E1002("one-time password is incorrect"),
    E1003("locked: too many failed attempts; contact the bank"),
    E1004("one-time password is not registered"),
    E1005("token ID is unknown"),
    E1006("token ID is already in use"),
    E1007("ticket, challenge or session expired or unknown"),
    E1008("this code was already used; wait for the next code"),
    E1009("token suspended; register a new token"),
    E1010("contract already exists"),
    E1011("the token was reported lost or stolen; contact the bank to reset it before registering a new one"),
    E1012("a request for this action is already waiting for approval"),
    E1013("no such request is waiting for approval (unknown, already decided, or expired)"),
    E1014("a request must be approved by another person than the one who made it"),
    E1015("the transfer is above what is left of today's transfer limit"),
    E4000("malformed request"),
    E4010("missing or unknown API key"),
    E4030("this API key's role may not call this endpoint"),
    E4220("this Idempotency-Key was already used for a different request"),
    E4290("too many requests"),
    E5030("temporarily unavailable; retry shortly");

    private final String title;

    ErrorCode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
