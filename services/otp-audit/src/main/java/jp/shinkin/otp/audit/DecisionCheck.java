package jp.shinkin.otp.audit;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shinkin.otp.credentials.CommandReader;
import jp.shinkin.otp.credentials.EventContext;
import jp.shinkin.otp.credentials.EventMapper;
import jp.shinkin.otp.credentials.ReadCommand;
import jp.shinkin.otp.credentials.RequestContexts;
import jp.shinkin.otp.credentials.WireConversions;
import jp.shinkin.otp.domain.contract.ContractDecider;
import jp.shinkin.otp.domain.contract.ContractEvolver;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.Decision;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.DataKeyStore;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.crypto.SecretUnavailableException;
import jp.shinkin.otp.domain.crypto.SeedOpener;
import jp.shinkin.otp.domain.crypto.SeedVault;
import jp.shinkin.otp.domain.crypto.TransportKeys;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.WrappedDataKey;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code verify-decisions}: invariant 3 checked from the log. For each group of recorded events
 * (one command's decision), the recorded command is decided again — the state folded from the
 * events before it, the command's record timestamp as "now" — and must give exactly the recorded
 * events. A decision that needed a token whose data key has since been shredded cannot be
 * re-run: it is skipped and counted, not failed.
 */
public final class DecisionCheck {
    public record Mismatch(String contractId, String commandId, List<String> recorded, List<String> reproduced) {
    }

    public record Report(long decisions, long reproduced, long skippedShredded, long commandsMissing, List<Mismatch> mismatches) {
    }

    private DecisionCheck() {
    }

    public static Report run(AuditSettings settings, PrintStream err) {
        KekRing keks = settings.keks().orElseThrow(() -> new IllegalArgumentException(
                "verify-decisions needs the key-encryption key: set OTP_KEK_BASE64 (or --dev-keys for the local platform)"));
        TransportKeys transport = settings.transportKeys().orElseThrow(() -> new IllegalArgumentException(
                "verify-decisions needs the transport key: set OTP_TRANSPORT_KEY_BASE64 (or --dev-keys for the local platform)"));
        Map<String, ConsumerRecord<String, SpecificRecord>> commands = new HashMap<>();
        Map<String, TokenIssued> tokens = new HashMap<>();
        Map<String, Sealed> keys = new HashMap<>();
        Map<String, List<ConsumerRecord<String, SpecificRecord>>> eventsByContract = new HashMap<>();
        List<String> contractOrder = new ArrayList<>();
        try (LogReader log = new LogReader(settings, err)) {
            for (String topic : List.of(settings.topic(Topics.COMMANDS), settings.topic(Topics.CLAIM_RESULTS))) {
                log.readAll(log.partitions(topic), "reading " + topic, r -> {
                    if (r.value() != null) {
                        commands.put(commandId(r.value()), r);
                    }
                });
            }
            String tokenTopic = settings.topic(Topics.TOKENS);
            log.readAll(log.partitions(tokenTopic), "reading " + tokenTopic, r -> {
                if (r.value() instanceof TokenIssued t) {
                    tokens.put(r.key(), t);
                }
            });
            String keyTopic = settings.topic(Topics.TOKEN_KEYS);
            log.readAll(log.partitions(keyTopic), "reading " + keyTopic, r -> {
                if (r.value() instanceof WrappedDataKey k) {
                    keys.put(r.key(), WireConversions.sealed(k.getWrapped()));
                } else if (r.value() == null) {
                    keys.remove(r.key());
                }
            });
            String eventTopic = settings.topic(Topics.EVENTS);
            log.readAll(log.partitions(eventTopic), "reading " + eventTopic, r -> {
                if (r.value() != null) {
                    eventsByContract.computeIfAbsent(r.key(), k -> {
                        contractOrder.add(k);
                        return new ArrayList<>();
                    }).add(r);
                }
            });
        }

        boolean[] shreddedTouched = {false};
        SeedVault vault = new SeedVault(keks, new ReadOnlyKeys(keys),
                new SecureRandom());
        SeedOpener opener = (tokenId, sealed) -> {
            try {
                return vault.open(tokenId, sealed);
            } catch (SecretUnavailableException e) {
                shreddedTouched[0] |= !keys.containsKey(tokenId);
                throw e;
            }
        };
        ContractDecider decider = new ContractDecider(settings.policy(), opener);
        CommandReader reader = new CommandReader(new CodeSealer(transport, new SecureRandom()),
                tokenId -> Optional.ofNullable(tokens.get(tokenId)));

        long decisions = 0;
        long reproduced = 0;
        long skipped = 0;
        long missing = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        try (Progress progress = new Progress(err, "re-deciding", contractOrder.size())) {
            int done = 0;
            for (String contractId : contractOrder) {
                ContractState state = ContractState.NONE;
                List<ConsumerRecord<String, SpecificRecord>> events = eventsByContract.get(contractId);
                int i = 0;
                while (i < events.size()) {
                    String cause = causation(events.get(i).value());
                    List<SpecificRecord> recorded = new ArrayList<>();
                    while (i < events.size() && cause.equals(causation(events.get(i).value()))) {
                        recorded.add(events.get(i++).value());
                    }
                    decisions++;
                    ConsumerRecord<String, SpecificRecord> command = commands.get(cause);
                    if (command == null) {
                        missing++;
                    } else {
                        shreddedTouched[0] = false;
                        List<SpecificRecord> again = redecide(decider, reader, state, contractId, command);
                        if (again.equals(recorded)) {
                            reproduced++;
                        } else if (shreddedTouched[0]) {
                            skipped++;
                        } else {
                            mismatches.add(new Mismatch(contractId, cause, names(recorded), names(again)));
                        }
                    }
                    // The state moves on by what was recorded, so one mismatch does not cascade.
                    for (SpecificRecord event : recorded) {
                        Optional<jp.shinkin.otp.domain.contract.ContractEvent> e = EventMapper.toDomain(event);
                        if (e.isPresent()) {
                            state = ContractEvolver.evolve(state, e.get());
                        }
                    }
                }
                progress.at(++done);
            }
        }
        return new Report(decisions, reproduced, skipped, missing, mismatches);
    }

    private static List<SpecificRecord> redecide(ContractDecider decider, CommandReader reader, ContractState state,
                                                 String contractId, ConsumerRecord<String, SpecificRecord> command) {
        ReadCommand read = reader.read(command.value());
        Instant now = Instant.ofEpochMilli(command.timestamp());
        Decision decision = read.command().map(c -> decider.decide(state, c, now))
                .orElseGet(() -> Decision.rejected(read.unreadable().orElse(ErrorCode.E4000)));
        EventContext context = new EventContext(contractId, read.metadata().getCommandId(), now, read.metadata().getCorrelationId(),
                read.metadata().getActor(), RequestContexts.of(command.value()));
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < decision.events().size(); i++) {
            events.add(EventMapper.toWire(decision.events().get(i), i, context));
        }
        return events;
    }

    private static String commandId(SpecificRecord command) {
        Object meta = command.get(command.getSchema().getField("metadata").pos());
        return ((jp.shinkin.otp.wire.CommandMetadata) meta).getCommandId();
    }

    private static String causation(SpecificRecord event) {
        Object meta = event.get(event.getSchema().getField("metadata").pos());
        String cause = ((jp.shinkin.otp.wire.EventMetadata) meta).getCausationId();
        return cause == null ? "" : cause;
    }

    private static List<String> names(List<SpecificRecord> events) {
        return events.stream().map(e -> e.getSchema().getName()).toList();
    }

    /** The wrapped data keys as the key topic has them now; the tool never writes or destroys keys. */
    private record ReadOnlyKeys(Map<String, Sealed> keys) implements DataKeyStore {
        @Override
        public void put(String tokenId, Sealed wrapped) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public Optional<Sealed> find(String tokenId) {
            return Optional.ofNullable(keys.get(tokenId));
        }

        @Override
        public void destroy(String tokenId) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
