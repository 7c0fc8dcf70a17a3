package jp.shinkin.otp.service.sessions;

import jakarta.inject.Singleton;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.stores.LocalStores;

/**
 * On the contract's owner: a session is live only in the contract's current session epoch (a
 * logout, stop, suspension, reset or lock moved it on), and only with its latest token (a renewal
 * the single writer recorded retires the ones before). Every earlier token is over (E1007),
 * whichever instance it is shown to: every request about the contract is answered by its owner.
 * The single writer checks the same again when it decides (ContractDecider), so no race between
 * this read and the decision lets an old token through.
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

    /** Throws E1007 unless the session is of the contract's current epoch and the token shown is the session's latest. */
    public void requireCurrent(SessionTokens.Session session) {
        requireCurrent(session, stores.contract(session.contractId()).orElse(null));
    }

    public static void requireCurrent(SessionTokens.Session session, ContractState state) {
        if (state == null || session.epoch() != state.sessionEpoch()) {
            throw new ApiException(ErrorCode.E1007, "the session has ended (logout, stop, suspension, reset or lock): log in again",
                    SessionHeader.NAME);
        }
        if (!state.sessions().isLatest(session.use().session(), session.use().presentedLastUse())) {
            throw new ApiException(ErrorCode.E1007, "this session token was renewed: use the X-Session-Id of the last answer",
                    SessionHeader.NAME);
        }
    }
}
