package jp.shinkin.otp.service.sessions;

import io.micronaut.http.MutableHttpResponse;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.hosting.Decided;

/** The session of a session-bound call: the {@code X-Session-Id} header, or a {@code sessionId} body member. */
public final class SessionHeader {
    public static final String NAME = "X-Session-Id";

    private SessionHeader() {
    }

    public static String of(String header, String bodyMember) {
        String session = header != null ? header : bodyMember;
        if (session == null || session.isBlank()) {
            throw new ApiException(ErrorCode.E1007, "this call needs a session: send X-Session-Id", NAME);
        }
        return session.strip();
    }

    /**
     * The answer with the renewed token, when the single writer recorded the renewal (so the token
     * shown is over). Not otherwise: a refused session (E1007) must not come back renewed. Set on
     * the owner that decided; a forwarding instance relays the header.
     */
    public static MutableHttpResponse<?> renewed(MutableHttpResponse<?> answer,
                                                            Decided decided,
                                                            SessionTokens.Session session) {
        boolean recorded = decided.events(ContractEvent.SessionRenewed.class).findAny().isPresent();
        return recorded ? answer.header(NAME, session.renewedToken()) : answer;
    }
}
