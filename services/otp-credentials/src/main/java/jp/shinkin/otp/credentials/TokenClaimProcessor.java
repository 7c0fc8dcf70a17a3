package jp.shinkin.otp.credentials;

import java.time.Instant;
import java.util.Optional;
import jp.shinkin.otp.domain.token.TokenClaims;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.TokenClaimRequested;
import jp.shinkin.otp.wire.command.ResolveTokenClaimCommand;
import jp.shinkin.otp.wire.state.TokenOwner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single writer of each token ID (invariant 6: one contract per token ID). Grants a claim
 * when the ID is free or already the claimant's and answers the contract; releases on stop,
 * reset, device change or an abandoned registration. A suspended token keeps its owner.
 */
final class TokenClaimProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final Actor ACTOR = new Actor(ActorType.SYSTEM, "token-claims", null);

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, TokenOwner> owners;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.owners = context.getStateStore(CredentialTopology.OWNER_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String tokenId = record.key();
        Optional<String> owner = Optional.ofNullable(owners.get(tokenId)).map(TokenOwner::getContractId);
        SpecificRecord value = record.value();
        String contractId = value.get(value.getSchema().getField("contractId").pos()).toString();
        if (value instanceof TokenClaimRequested request) {
            boolean granted = TokenClaims.grants(owner, contractId);
            if (granted && owner.isEmpty()) {
                owners.put(tokenId, new TokenOwner(contractId, Instant.ofEpochMilli(record.timestamp())));
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
                    tokenId, granted, m.getCausationId() == null ? m.getEventId() : m.getCausationId());
            context.forward(new Record<>(contractId, answer, record.timestamp()), CredentialTopology.CLAIM_RESULTS_SINK);
        } else {
            Optional<String> after = TokenClaims.afterRelease(owner, contractId);
            if (after.isEmpty() && owner.isPresent()) {
                owners.delete(tokenId);
            }
        }
    }
}
