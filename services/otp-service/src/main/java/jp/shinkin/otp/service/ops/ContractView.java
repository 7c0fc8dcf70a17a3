package jp.shinkin.otp.service.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import jp.shinkin.otp.domain.contract.ContractState;

/**
 * A contract as operations see it. Never the seed, never the password hash, never the notice
 * address (only whether there is one, and its language).
 */
@Serdeable
public record ContractView(String contractId, boolean loginOtpRequired, int otpFailures, int passwordFailures, boolean locked,
                           @Nullable String lockReason, @Nullable Token token, @Nullable String transferLimit,
                           @Nullable String transferLimitCurrency, List<String> openTickets, List<Approval> pendingApprovals,
                           @Nullable Notices notices) {

    /** Notices go by e-mail to an address the bank recorded (sealed: not shown), in this language. */
    @Serdeable
    public record Notices(String channel, String language) {
    }

    /** A reset or unlock an operator asked for, waiting for another person (maker-checker). */
    @Serdeable
    public record Approval(String requestId, String action, String requestedBy, String requestedByName, String reason,
                           Instant expiresAt, @Nullable String tokenId) {
    }

    @Serdeable
    public record Token(String tokenId, String status, @Nullable Long lastAcceptedStep, int driftSteps, Instant registeredAt,
                        Instant lastUsedAt, String algorithm, int digits, int periodSeconds) {
    }

    public static ContractView of(String contractId, ContractState s) {
        Token token = s.token().map(t -> new Token(t.tokenId().value(), t.status().name(),
                t.lastAcceptedStep().isPresent() ? t.lastAcceptedStep().getAsLong() : null, t.driftSteps(), t.registeredAt(),
                t.lastUsedAt(), t.parameters().algorithm().name(), t.parameters().digits(), t.parameters().periodSeconds()))
                .orElse(null);
        return new ContractView(contractId, s.loginOtpRequired(), s.otpFailures(), s.passwordFailures(), s.locked(),
                s.lock().map(Enum::name).orElse(null), token, s.transferLimit().map(m -> m.amount()).orElse(null),
                s.transferLimit().map(m -> m.currency()).orElse(null),
                s.tickets().keySet().stream().map(Enum::name).sorted().toList(),
                s.approvals().values().stream().map(a -> new Approval(a.requestId(), a.action().name(), a.requestedBy(),
                        a.requestedByName(), a.reason(), a.expiresAt(), a.tokenId().map(t -> t.value()).orElse(null))).toList(),
                s.contact().map(c -> new Notices("EMAIL", c.language().tag())).orElse(null));
    }
}
