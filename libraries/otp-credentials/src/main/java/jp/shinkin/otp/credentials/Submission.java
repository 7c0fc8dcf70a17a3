package jp.shinkin.otp.credentials;

import java.util.Objects;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.ContractCommand;

/**
 * A command for one contract's single writer, as the edge asks it: the domain command, who asks,
 * the client's Idempotency-Key and the channel's request context. {@link CommandWriter} turns it
 * into the wire record.
 */
public record Submission(String contractId, ContractCommand command, Origin origin, Optional<String> idempotencyKey,
                         Optional<ChannelContext> context) {
    public Submission {
        Objects.requireNonNull(contractId);
        Objects.requireNonNull(command);
        Objects.requireNonNull(origin);
        Objects.requireNonNull(idempotencyKey);
        Objects.requireNonNull(context);
    }

    public static Submission of(String contractId, ContractCommand command, Origin origin) {
        return new Submission(contractId, command, origin, Optional.empty(), Optional.empty());
    }

    public Submission withContext(ChannelContext channelContext) {
        return new Submission(contractId, command, origin, idempotencyKey, Optional.ofNullable(channelContext));
    }

    public Submission withIdempotencyKey(String key) {
        return new Submission(contractId, command, origin, Optional.ofNullable(key), context);
    }
}
