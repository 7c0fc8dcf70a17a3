package jp.shinkin.otp.credentials;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.token.TokenClaims;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.DeviceChanged;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.TokenClaimRequested;
import jp.shinkin.otp.wire.TokenReset;
import jp.shinkin.otp.wire.TokenStopped;
import jp.shinkin.otp.wire.TokenSuspended;
import jp.shinkin.otp.wire.command.ResolveTokenClaimCommand;
import jp.shinkin.otp.wire.state.TokenOwner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single writer of each token ID (invariant 6: one contract per token ID). Grants a claim
 * when the ID is free or already the claimant's and answers the contract; releases on a stop or
 * an abandoned registration (the app keeps its ID: it may be registered again). Reset, suspension
 * and the old token of a device change retire the token for good: its key is shredded in the same
 * transaction, and a claim that reaches this step after the retirement is refused here, whatever
 * the key store has seen yet — so no registration can produce a token that never verifies.
 */
final class TokenClaimProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final Actor ACTOR = new Actor(ActorType.SYSTEM, "token-claims", null);

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, TokenOwner> owners;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.owners = StateStores.TOKEN_OWNERS.in(context);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String tokenId = record.key();
        TokenOwner held = owners.get(tokenId);
        // A stopped token is remembered without an owner (empty contract ID), for the step it last gave.
        Optional<String> owner = Optional.ofNullable(held).map(TokenOwner::getContractId).filter(o -> !o.isEmpty());
        boolean retired = held != null && held.getRetired();
        OptionalLong lastStep = held == null || held.getLastStep() == null
                ? OptionalLong.empty() : OptionalLong.of(held.getLastStep());
        SpecificRecord value = record.value();
        String contractId = value.get(value.getSchema().getField("contractId").pos()).toString();
        if (value instanceof TokenClaimRequested request) {
            Optional<TokenClaims.Refusal> refusal = TokenClaims.decide(owner, retired, lastStep, contractId,
                    request.getAcceptedStep());
            boolean granted = refusal.isEmpty();
            if (granted && owner.isEmpty()) {
                // The claim's code is now the last the token gave.
                owners.put(tokenId, new TokenOwner(contractId, Instant.ofEpochMilli(record.timestamp()), false,
                        later(lastStep, request.getAcceptedStep())));
            }
            EventMetadata m = request.getMetadata();
            CommandMetadata meta = CommandMetadata.newBuilder()
                    .setCommandId(WireConversions.derivedId(m.getEventId(), "claim", 0))
                    .setIssuedAt(Instant.ofEpochMilli(record.timestamp()))
                    .setCorrelationId(m.getCorrelationId())
                    .setActor(ACTOR)
                    .setIdempotencyKey(null)
                    .build();
            ResolveTokenClaimCommand answer = new ResolveTokenClaimCommand(meta, contractId, request.getRegistrationId(),
                    tokenId, granted, m.getCausationId() == null ? m.getEventId() : m.getCausationId(),
                    refusal.map(Enum::name).orElse(null));
            context.forward(new Record<>(contractId, answer, record.timestamp()), Sinks.CLAIM_RESULTS_SINK);
        } else if (retires(value) && (owner.isEmpty() || owner.get().equals(contractId))) {
            owners.put(tokenId, new TokenOwner(owner.orElse(contractId), Instant.ofEpochMilli(record.timestamp()), true,
                    held == null ? null : held.getLastStep()));
        } else if (!retired && TokenClaims.afterRelease(owner, contractId).isEmpty()) {
            // Stopped, or a registration abandoned: free again, remembering the last code it gave.
            Long step = value instanceof TokenStopped stopped && stopped.getLastAcceptedStep() != null
                    ? later(lastStep, stopped.getLastAcceptedStep()) : (held == null ? null : held.getLastStep());
            owners.put(tokenId, new TokenOwner("", Instant.ofEpochMilli(record.timestamp()), false, step));
        }
    }

    private static long later(OptionalLong known, long step) {
        return known.isPresent() ? Math.max(known.getAsLong(), step) : step;
    }

    /** Reset, suspension, a stop that retires, or the old token of a device change (routed under that token's ID). */
    private static boolean retires(SpecificRecord event) {
        return event instanceof TokenReset || event instanceof TokenSuspended
                || event instanceof DeviceChanged
                || event instanceof TokenStopped stopped && stopped.getRetired();
    }
}
