package jp.shinkin.otp.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.contract.ApprovalAction;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ContractState;
import jp.shinkin.otp.domain.contract.LockReason;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.NoticeContact;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import jp.shinkin.otp.domain.contract.PendingApproval;
import jp.shinkin.otp.domain.contract.PendingClaim;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.contract.Sessions;
import jp.shinkin.otp.domain.contract.SuspensionReason;
import jp.shinkin.otp.domain.contract.Ticket;
import jp.shinkin.otp.domain.contract.TicketKind;
import jp.shinkin.otp.domain.contract.TokenCredential;
import jp.shinkin.otp.domain.contract.TokenStatus;
import jp.shinkin.otp.domain.contract.Transfers;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.fixtures.PasswordHashFixtures;
import jp.shinkin.otp.domain.otp.HmacAlgorithm;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Every domain event and the contract state survive the trip to their wire records and back. */
class MapperRoundTripTest {
    private static final Instant AT = Instant.parse("2026-11-22T09:00:00.123Z");
    private static final TokenId TOKEN = new TokenId("SKMT00000001");
    private static final Sealed SEED = new Sealed("SKMT00000001", new byte[12], new byte[36]);
    private static final TotpParameters P = new TotpParameters(HmacAlgorithm.SHA256, 8, 60);

    static List<ContractEvent> everyEvent() {
        return List.of(
                new ContractEvent.ContractOpened(PasswordHashFixtures.PHC),
                new ContractEvent.PasswordAccepted(TicketKind.STOP),
                new ContractEvent.PasswordRejected(3),
                new ContractEvent.TicketIssued(new Ticket("t1", TicketKind.REGISTRATION, AT, true, false)),
                new ContractEvent.TicketConsumed("t1", TicketKind.LOGIN_CHALLENGE),
                new ContractEvent.CurrentTokenConfirmed("t1"),
                new ContractEvent.OtpVerified(TOKEN, Purpose.TRANSFER, 59_844_600L, -1, Optional.of("ab12"), AT),
                new ContractEvent.OtpRejected(TOKEN, Purpose.LIMIT_CHANGE, 2),
                new ContractEvent.OtpReplayRejected(TOKEN, Purpose.LOGIN, 59_844_600L),
                new ContractEvent.LockoutWarningIssued(LockReason.PASSWORD_FAILURES, 1),
                new ContractEvent.ContractLocked(LockReason.OTP_FAILURES),
                new ContractEvent.ContractUnlocked("op", "why"),
                new ContractEvent.ContractUnlocked("op", "why", Optional.of("approver")),
                new ContractEvent.ApprovalRequested(new PendingApproval("a1",
                        ApprovalAction.TOKEN_RESET, "op", "Op Name", "broken", AT, Optional.of(TOKEN))),
                new ContractEvent.ApprovalGranted("a1", ApprovalAction.UNLOCK, "op", "ap", "Ap Name", "ok"),
                new ContractEvent.ApprovalRejected("a1", ApprovalAction.UNLOCK, "op", "ap", "Ap Name", "no"),
                new ContractEvent.ApprovalExpired("a1", ApprovalAction.TOKEN_RESET, "op"),
                new ContractEvent.SessionsEnded("LOGOUT"),
                new ContractEvent.TokenClaimRequested("t1", TOKEN, SEED, P, 59_844_601L),
                new ContractEvent.TokenClaimRefused("t1", TOKEN),
                new ContractEvent.TokenReleased(TOKEN),
                new ContractEvent.DeviceChanged(TOKEN, new TokenId("SKDT00000002")),
                new ContractEvent.TokenRegistered(TOKEN, SEED, P, 59_844_602L, true, AT),
                new ContractEvent.TokenStopped(TOKEN, OptionalLong.of(59_844_603L)),
                new ContractEvent.TokenReset(TOKEN, "op", "broken"),
                new ContractEvent.TokenReset(TOKEN, "op", "broken", Optional.of("approver")),
                new ContractEvent.TokenSuspended(TOKEN, SuspensionReason.STOLEN, "op"),
                new ContractEvent.TokenResynchronised(TOKEN, 59_844_610L, 9, "op", AT),
                new ContractEvent.LoginOtpSettingChanged(false),
                new ContractEvent.TransferLimitChanged(new Money("1000.5", "JPY")),
                new ContractEvent.ContactChanged(Optional.of(new Sealed("contact.C-1.k2", new byte[12],
                        new byte[30])), NoticeLanguage.EN, "op", Optional.of("contact.C-1.k1")),
                new ContractEvent.SessionRenewed("s-digest", 1_795_900_000L),
                new ContractEvent.TransferAuthorized(new Money("20000", "JPY"), LocalDate.parse("2026-11-22")),
                new ContractEvent.TransferRefused(new Money("20000", "JPY"), new Money("0", "JPY"), LocalDate.parse("2026-11-22")));
    }

    @Test
    void everyEventRoundTrips() {
        List<ContractEvent> events = everyEvent();
        assertThat(events.stream().map(Object::getClass).distinct())
                .as("one sample of each event type").hasSize(ContractEvent.class.getPermittedSubclasses().length);
        EventContext ctx = new EventContext("C-1", "cmd-1", AT, "corr", new Actor(ActorType.CHANNEL, "ch", null), Optional.empty());
        for (int i = 0; i < events.size(); i++) {
            SpecificRecord wire = EventMapper.toWire(events.get(i), i, ctx);
            assertThat(wire.getClass().getSimpleName()).isEqualTo(events.get(i).getClass().getSimpleName());
            assertThat(EventMapper.toDomain(wire)).contains(events.get(i));
        }
    }

    @Test
    void stateRoundTrips() {
        Map<TicketKind, Ticket> tickets = new EnumMap<>(TicketKind.class);
        tickets.put(TicketKind.REGISTRATION, new Ticket("r", TicketKind.REGISTRATION, AT, true, true,
                Optional.of(new PendingClaim(TOKEN, SEED, P, 7L))));
        tickets.put(TicketKind.STOP, new Ticket("s", TicketKind.STOP, AT, true, false));
        ContractState state = new ContractState(true, "$argon2id$hash", Optional.of(new TokenCredential(TOKEN, SEED, P,
                TokenStatus.SUSPENDED, OptionalLong.of(5L), -2, AT, AT, Optional.of(SuspensionReason.STOLEN))), false, 2, 1, Optional.of(LockReason.OTP_FAILURES),
                new Transfers(Optional.of(new Money("300000", "JPY")),
                        Optional.of(LocalDate.parse("2026-11-22")), new BigDecimal("1234.5")), tickets, Map.of(ApprovalAction.UNLOCK,
                new PendingApproval("a1", ApprovalAction.UNLOCK, "op",
                        "Op Name", "called", AT, Optional.empty())),
                new Sessions(7L, Map.of("s-digest", 1_795_900_000L)),
                Optional.of(new NoticeContact(
                        new Sealed("contact.C-1.k1", new byte[12], new byte[30]),
                        NoticeLanguage.EN)));
        assertThat(SnapshotMapper.toState(SnapshotMapper.toSnapshot(state))).isEqualTo(state);
        assertThat(SnapshotMapper.toState(SnapshotMapper.toSnapshot(ContractState.NONE))).isEqualTo(ContractState.NONE);
    }
}
