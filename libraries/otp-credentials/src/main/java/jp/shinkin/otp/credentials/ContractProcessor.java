package jp.shinkin.otp.credentials;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractDecider;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.Decision;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.Outcome;
import jp.shinkin.otp.domain.contract.ResultCode;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import jp.shinkin.otp.wire.state.StoredReply;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of each contract: load the state, {@code decide}, {@code evolve}, store, and
 * append the events. Time is the command record's timestamp, never the wall clock. A command
 * carrying an Idempotency-Key already answered gets the stored answer and changes nothing.
 */
final class ContractProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(ContractProcessor.class);
    private final CredentialSettings settings;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ContractSnapshot> contracts;
    private KeyValueStore<String, StoredReply> replies;
    private KeyValueStore<String, String> replyExpiry;
    private CommandReader reader;
    private ContractDecider decider;

    ContractProcessor(CredentialSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.contracts = StateStores.CONTRACTS.in(context);
        this.replies = StateStores.REPLIES.in(context);
        this.replyExpiry = StateStores.REPLY_EXPIRY.in(context);
        KeyValueStore<String, SpecificRecord> tokens = StateStores.ISSUED_TOKENS.in(context);
        KeyValueStore<String, SpecificRecord> keys = StateStores.TOKEN_DATA_KEYS.in(context);
        this.reader = new CommandReader(settings.codes(),
                tokenId -> Optional.ofNullable(tokens.get(tokenId)).map(TokenIssued.class::cast));
        this.decider = new ContractDecider(settings.policy(), settings.seedOpener(keys));
        context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, this::expireReplies);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (!CommandReader.isCommand(record.value()) || record.key() == null) {
            setAside(record);
            return;
        }
        ReadCommand command = reader.read(record.value());
        String contractId = record.key();
        Instant now = Instant.ofEpochMilli(record.timestamp());
        Optional<String> replyKey = command.idempotencyKey().map(k -> contractId + "|" + k);
        String canonical = replyKey.isPresent() ? canonical(command) : null;
        if (replyKey.isPresent()) {
            StoredReply stored = replies.get(replyKey.get());
            if (stored != null) {
                // A retry is the same request; the same key on another request gets no one else's answer.
                boolean same = stored.getFingerprint() == null
                        || settings.codes().fingerprintMatches(bytes(stored.getFingerprint()), canonical);
                answer(command.replyTarget(), same ? outcome(stored) : new Outcome.Rejected(ErrorCode.E4220), List.of());
                return;
            }
        }

        ContractState state = Optional.ofNullable(contracts.get(contractId)).map(SnapshotMapper::toState).orElse(ContractState.NONE);
        Decision decision = command.command()
                .map(c -> CryptoShredding.foreignContactKey(contractId, c) ? Decision.rejected(ErrorCode.E4000)
                        : decider.decide(state, c, now))
                .orElseGet(() -> Decision.rejected(command.unreadable().orElse(ErrorCode.E4000)));
        // A contact address the decision did not record is never readable: its key goes in this transaction.
        command.command().flatMap(c -> CryptoShredding.unrecordedContactKey(contractId, c, decision)).ifPresent(keyId ->
                context.forward(new Record<>(keyId, null, record.timestamp()), Sinks.KEY_TOMBSTONES_SINK));

        ContractState next = state;
        EventContext eventContext = new EventContext(contractId, command.metadata().getCommandId(), now,
                command.metadata().getCorrelationId(), command.metadata().getActor(), RequestContexts.of(record.value()));
        for (int i = 0; i < decision.events().size(); i++) {
            ContractEvent event = decision.events().get(i);
            next = ContractEvolver.evolve(next, event);
            SpecificRecord wire = EventMapper.toWire(event, i, eventContext);
            context.forward(new Record<>(contractId, wire, record.timestamp()), Sinks.EVENTS_SINK);
            EventLog.recorded(contractId, wire, eventContext);
            TokenClaimRouting.tokenIdOf(event).ifPresent(tokenId ->
                    context.forward(new Record<>(tokenId, wire, record.timestamp()), Sinks.TOKEN_CLAIMS_SINK));
            CryptoShredding.keyShreddedBy(event).ifPresent(tokenId ->
                    context.forward(new Record<>(tokenId, null, record.timestamp()), Sinks.KEY_TOMBSTONES_SINK));
        }
        if (!decision.events().isEmpty()) {
            contracts.put(contractId, SnapshotMapper.toSnapshot(next));
        }
        if (replyKey.isPresent() && !(decision.outcome() instanceof Outcome.Pending)) {
            Instant expires = now.plus(settings.replyTtl());
            replies.put(replyKey.get(), new StoredReply(command.metadata().getCommandId(), kind(decision.outcome()),
                    code(decision.outcome()), expires, ByteBuffer.wrap(settings.codes().fingerprint(canonical))));
            replyExpiry.put(String.format(Locale.ROOT, "%020d|%s", expires.toEpochMilli(), replyKey.get()), replyKey.get());
        }
        if (!(decision.outcome() instanceof Outcome.Pending)) {
            answer(command.replyTarget(), decision.outcome(), decision.events());
        }
    }

    /** Answers once the decision is committed, and asks for that commit now rather than at the next interval. */
    private void answer(String target, Outcome outcome, List<ContractEvent> events) {
        DecisionListener listener = settings.listener();
        settings.answers().hold(() -> listener.decided(target, outcome, events), () -> listener.abandoned(target));
        if (settings.answers().commitEachDecision()) {
            context.commit();
        }
    }

    /** Readable, but no command (a tombstone, a keyless record, another type): copied to the dead-letter topic. */
    private void setAside(Record<String, SpecificRecord> record) {
        var where = context.recordMetadata().orElseThrow();
        String why = record.value() == null ? "no value" : record.key() == null ? "no key"
                : "not a command: " + record.value().getSchema().getFullName();
        LOG.warn("record {}-{}@{} set aside on the dead-letter topic: {}", where.topic(), where.partition(), where.offset(), why);
        var headers = UnreadableRecords.origin(where.topic(), where.partition(), where.offset(),
                IllegalArgumentException.class.getName());
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), Sinks.DEAD_LETTERS_SINK);
    }

    private void expireReplies(long streamTime) {
        String upTo = String.format(Locale.ROOT, "%020d|", streamTime);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> it = replyExpiry.range(String.format(Locale.ROOT, "%020d|", 0), upTo)) {
            it.forEachRemaining(kv -> {
                expired.add(kv.key);
                replies.delete(kv.value);
            });
        }
        expired.forEach(replyExpiry::delete);
    }

    /**
     * What makes two requests the same: the command's type and, for a verification, purpose,
     * transfer, amount and code (the command itself, whether or not it came in a session).
     */
    private static String canonical(ReadCommand command) {
        return command.command()
                .map(c -> c instanceof ContractCommand.InSession in ? in.command() : c)
                .map(c -> c instanceof ContractCommand.VerifyOtp v
                        ? "VerifyOtp\n" + v.purpose() + "\n" + v.transferHash().orElse("") + "\n" + v.otp()
                                + v.amount().map(m -> "\n" + m.amount() + " " + m.currency()).orElse("")
                        : c.getClass().getSimpleName())
                .orElse("unreadable\n" + command.unreadable().map(Enum::name).orElse(""));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static String kind(Outcome outcome) {
        return outcome instanceof Outcome.Succeeded ? "SUCCEEDED" : "REJECTED";
    }

    private static String code(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded s) {
            return s.code().name();
        }
        return ((Outcome.Rejected) outcome).code().name();
    }

    private static Outcome outcome(StoredReply stored) {
        return "SUCCEEDED".equals(stored.getOutcome())
                ? new Outcome.Succeeded(ResultCode.valueOf(stored.getResultCode()))
                : new Outcome.Rejected(ErrorCode.valueOf(stored.getResultCode()));
    }
}
