package jp.shinkin.otp.service.flows;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jp.shinkin.otp.domain.contract.ContractState;

/**
 * What the customer's own settings screens show: the login OTP setting, the daily limit, the
 * registered token. Less than operations see: no failure counts, steps or drift.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomerSettings(boolean loginOtpRequired, @Nullable String transferLimit, @Nullable String transferLimitCurrency,
                               @Nullable String tokenId, @Nullable String tokenStatus) {

    static CustomerSettings of(ContractState s) {
        return new CustomerSettings(s.loginOtpRequired(), s.transferLimit().map(m -> m.amount()).orElse(null),
                s.transferLimit().map(m -> m.currency()).orElse(null),
                s.token().map(t -> t.tokenId().value()).orElse(null),
                s.token().map(t -> t.status().name()).orElse(null));
    }
}
