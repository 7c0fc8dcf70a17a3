package jp.shinkin.otp.service.api;

/** Something the platform needs is briefly out of reach (a rebalance, a slow write): E5030, retry shortly. */
public class Unavailable extends RuntimeException {
    public Unavailable(String detail) {
        super(detail, null, false, false);
    }
}
