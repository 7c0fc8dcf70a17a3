package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jp.shinkin.otp.credentials.CommandReader;
import jp.shinkin.otp.credentials.EventContext;
import jp.shinkin.otp.credentials.EventMapper;
import jp.shinkin.otp.credentials.ReadCommand;
import jp.shinkin.otp.credentials.RequestContexts;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.contract.ContractDecider;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.Decision;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.domain.crypto.SeedOpener;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.crypto.TransportKeys;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.EventMetadata;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@code verify-decisions}: invariant 3 checked from the log. For each group of recorded events
 * (one command's decision), the recorded command is decided again — the state folded from the
 * events before it, the command's record timestamp as "now" — and must give exactly the recorded
 * events. A decision that needed a token whose data key has since been shredded cannot be
 * re-run: it is skipped and counted, not failed.
 *
 * <p>Streams with a fixed heap: commands, tokens and data keys are first copied to a scratch store
 * on disk (as the log holds them), then the events are read once, in log order. A decision's
 * events are consecutive in their partition (one single writer per partition writes them in one
 * go), so a group ends where the partition's next event has another contract or cause.
 */
public final class DecisionCheck {
    public record Mismatch(String contractId, String commandId, List<String> recorded, List<String> reproduced) {
    }

    public record Report(long decisions, long reproduced, long skippedShredded, long commandsMissing, long mismatches) {
    }

    private static final String COMMAND = "c:";
    private static final String TOKEN = "t:";
    private static final String KEY = "k:";

    private DecisionCheck() {
    }

    public static Report run(AuditSettings settings, PrintStream err, Consumer<Mismatch> each) {
        KekRing keks = settings.keks().orElseThrow(() -> new IllegalArgumentException(
                "verify-decisions needs the key-encryption key: set OTP_KEK_BASE64 (or --dev-keys for the local platform)"));
        TransportKeys transport = settings.transportKeys().orElseThrow(() -> new IllegalArgumentException(
                "verify-decisions needs the transport key: set OTP_TRANSPORT_KEY_BASE64 (or --dev-keys for the local platform)"));
        Deserializer<SpecificRecord> wire = LogReader.wire(settings);
        try (SpillStore disk = new SpillStore(settings.scratch(), "verify"); FoldedStates states = new FoldedStates(disk, Rebuild.CACHED_STATES)) {
            try (LogReader<byte[]> log = LogReader.raw(settings, err)) {
                for (String topic : List.of(settings.topic(Topics.COMMANDS), settings.topic(Topics.CLAIM_RESULTS))) {
                    log.readAll(log.partitions(topic), "reading " + topic, r -> {
                        if (r.value() != null) {
                            SpecificRecord command = wire.deserialize(topic, r.value());
                            disk.put(COMMAND + commandId(command), stamped(r.timestamp(), r.value()));
                        }
                    });
                }
                String tokenTopic = settings.topic(Topics.TOKENS);
                log.readAll(log.partitions(tokenTopic), "reading " + tokenTopic, r -> {
                    if (r.value() != null && wire.deserialize(tokenTopic, r.value()) instanceof TokenIssued) {
                        disk.put(TOKEN + r.key(), r.value());
                    }
                });
                String keyTopic = settings.topic(Topics.TOKEN_KEYS);
                log.readAll(log.partitions(keyTopic), "reading " + keyTopic, r -> {
                    if (r.value() == null) {
                        disk.delete(KEY + r.key());
                    } else if (wire.deserialize(keyTopic, r.value()) instanceof WrappedDataKey) {
                        disk.put(KEY + r.key(), r.value());
                    }
                });
            }
            return redecideAll(settings, err, wire, disk, states, keks, transport, each);
        }
    }

    private static Report redecideAll(AuditSettings settings, PrintStream err, Deserializer<SpecificRecord> wire, SpillStore disk,
                                      FoldedStates states, KekRing keks, TransportKeys transport, Consumer<Mismatch> each) {
        String tokenTopic = settings.topic(Topics.TOKENS);
        String keyTopic = settings.topic(Topics.TOKEN_KEYS);
        boolean[] shreddedTouched = {false};
        SeedOpener keysOnDisk = new SeedVault(keks, new SecureRandom()).opener(tokenId -> Optional.ofNullable(disk.get(KEY + tokenId))
                .map(bytes -> WireConversions.sealed(((WrappedDataKey) wire.deserialize(keyTopic, bytes)).getWrapped())));
        SeedOpener opener = (tokenId, sealed) -> {
            try {
                return keysOnDisk.open(tokenId, sealed);
            } catch (SecretUnavailableException e) {
                shreddedTouched[0] |= disk.get(KEY + tokenId) == null;
                throw e;
            }
        };
        ContractDecider decider = new ContractDecider(settings.policy(), opener);
        CommandReader reader = new CommandReader(new CodeSealer(transport, new SecureRandom()),
                tokenId -> Optional.ofNullable(disk.get(TOKEN + tokenId)).map(bytes -> (TokenIssued) wire.deserialize(tokenTopic, bytes)));
        String commandTopic = settings.topic(Topics.COMMANDS);
        long[] counts = new long[5]; // decisions, reproduced, skipped, missing, mismatches

        Consumer<List<ConsumerRecord<String, SpecificRecord>>> decideAgain = group -> {
            String contractId = group.get(0).key();
            String cause = causation(group.get(0).value());
            List<SpecificRecord> recorded = group.stream().map(ConsumerRecord::value).toList();
            ContractState state = states.get(contractId);
            counts[0]++;
            byte[] stored = disk.get(COMMAND + cause);
            if (stored == null) {
                counts[3]++;
            } else {
                shreddedTouched[0] = false;
                ByteBuffer buffer = ByteBuffer.wrap(stored);
                long timestamp = buffer.getLong();
                byte[] raw = new byte[buffer.remaining()];
                buffer.get(raw);
                List<SpecificRecord> again = redecide(decider, reader, state, contractId, wire.deserialize(commandTopic, raw), timestamp);
                if (again.equals(recorded)) {
                    counts[1]++;
                } else if (shreddedTouched[0]) {
                    counts[2]++;
                } else {
                    counts[4]++;
                    each.accept(new Mismatch(contractId, cause, names(recorded), names(again)));
                }
            }
            // The state moves on by what was recorded, so one mismatch does not cascade.
            for (SpecificRecord event : recorded) {
                Optional<ContractEvent> e = EventMapper.toDomain(event);
                if (e.isPresent()) {
                    state = ContractEvolver.evolve(state, e.get());
                }
            }
            states.put(contractId, state);
        };

        Map<Integer, List<ConsumerRecord<String, SpecificRecord>>> open = new HashMap<>();
        try (LogReader<SpecificRecord> log = LogReader.records(settings, err)) {
            String eventTopic = settings.topic(Topics.EVENTS);
            log.readAll(log.partitions(eventTopic), "re-deciding " + eventTopic, r -> {
                if (r.value() == null) {
                    return;
                }
                List<ConsumerRecord<String, SpecificRecord>> group = open.get(r.partition());
                if (group != null && (!group.get(0).key().equals(r.key())
                        || !causation(group.get(0).value()).equals(causation(r.value())))) {
                    decideAgain.accept(group);
                    group = null;
                }
                if (group == null) {
                    group = new ArrayList<>();
                    open.put(r.partition(), group);
                }
                group.add(r);
            });
        }
        open.values().forEach(decideAgain);
        return new Report(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private static byte[] stamped(long timestamp, byte[] value) {
        return ByteBuffer.allocate(Long.BYTES + value.length).putLong(timestamp).put(value).array();
    }

    private static List<SpecificRecord> redecide(ContractDecider decider, CommandReader reader, ContractState state,
                                                 String contractId, SpecificRecord command, long timestamp) {
        ReadCommand read = reader.read(command);
        Instant now = Instant.ofEpochMilli(timestamp);
        Decision decision = read.command().map(c -> decider.decide(state, c, now))
                .orElseGet(() -> Decision.rejected(read.unreadable().orElse(ErrorCode.E4000)));
        EventContext context = new EventContext(contractId, read.metadata().getCommandId(), now, read.metadata().getCorrelationId(),
                read.metadata().getActor(), RequestContexts.of(command));
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < decision.events().size(); i++) {
            events.add(EventMapper.toWire(decision.events().get(i), i, context));
        }
        return events;
    }

    private static String commandId(SpecificRecord command) {
        Object meta = command.get(command.getSchema().getField("metadata").pos());
        return ((CommandMetadata) meta).getCommandId();
    }

    private static String causation(SpecificRecord event) {
        Object meta = event.get(event.getSchema().getField("metadata").pos());
        String cause = ((EventMetadata) meta).getCausationId();
        return cause == null ? "" : cause;
    }

    private static List<String> names(List<SpecificRecord> events) {
        return events.stream().map(e -> e.getSchema().getName()).toList();
    }
}
