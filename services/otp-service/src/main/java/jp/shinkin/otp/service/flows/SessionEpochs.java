package jp.shinkin.otp.service.flows;

import jakarta.inject.Singleton;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.credentials.LocalStores;

/**
 * On the contract's owner: a session is live only in the contract's current session epoch. A
 * logout, stop, suspension, reset or lock moved it on, so every earlier token is over (E1007),
 * whichever instance it is shown to: every request about the contract is answered by its owner.
 */
@Singleton
public class SessionEpochs {
    private final LocalStores stores;

    public SessionEpochs(LocalStores stores) {
        this.stores = stores;
    }

    /** The epoch a session opened now belongs to (read on the owner, after the login's decision). */
    public long current(String contractId) {
        return stores.contract(contractId).map(ContractState::sessionEpoch).orElse(0L);
    }

    /** Throws E1007 unless the session is of the contract's current epoch. */
    public void requireCurrent(SessionTokens.Session session) {
        requireCurrent(session, stores.contract(session.contractId()).map(ContractState::sessionEpoch).orElse(-1L));
    }

    public static void requireCurrent(SessionTokens.Session session, long currentEpoch) {
        if (session.epoch() != currentEpoch) {
            throw new ApiException(ErrorCode.E1007, "the session has ended (logout, stop, suspension, reset or lock): log in again",
                    SessionHeader.NAME);
        }
    }
}
