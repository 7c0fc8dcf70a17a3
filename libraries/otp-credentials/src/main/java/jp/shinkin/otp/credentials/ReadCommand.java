package jp.shinkin.otp.credentials;

import java.util.Optional;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.wire.CommandMetadata;

/**
 * A command as read off the topic: its metadata, and either the domain command or the reason it
 * cannot be one (unknown token, a code sealed under another key, a malformed value).
 */
public record ReadCommand(CommandMetadata metadata, String contractId, Optional<ContractCommand> command,
                          Optional<ErrorCode> unreadable, Optional<String> replyTo) {

    /** Whom the answer goes to: the command itself, or the registration a claim answer resolves. */
    public String replyTarget() {
        return replyTo.orElse(metadata.getCommandId());
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(metadata.getIdempotencyKey());
    }
}
