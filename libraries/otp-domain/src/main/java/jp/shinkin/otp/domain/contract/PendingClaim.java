package jp.shinkin.otp.domain.contract;

import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;

/** A verified new token waiting for its token ID to be granted to this contract. */
public record PendingClaim(TokenId tokenId, Sealed sealedSeed, TotpParameters parameters, long acceptedStep) {
}
