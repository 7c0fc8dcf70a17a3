package jp.shinkin.otp.credentials;

import java.time.Instant;
import java.util.Optional;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.RequestContext;

/** What every event of one decision shares: who, when, why, and the request's context. */
public record EventContext(String contractId, String commandId, Instant occurredAt, String correlationId, Actor actor,
                           Optional<RequestContext> request) {
}
