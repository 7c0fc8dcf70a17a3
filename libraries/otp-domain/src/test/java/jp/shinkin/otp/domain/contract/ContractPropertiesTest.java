package jp.shinkin.otp.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.shinkin.otp.domain.contract.ContractCommand.AnswerLoginChallenge;
import jp.shinkin.otp.domain.contract.ContractCommand.ChangeTransferLimit;
import jp.shinkin.otp.domain.contract.ContractCommand.CompleteRegistration;
import jp.shinkin.otp.domain.contract.ContractCommand.CompleteStop;
import jp.shinkin.otp.domain.contract.ContractCommand.ConfirmCurrentToken;
import jp.shinkin.otp.domain.contract.ContractCommand.OpenContract;
import jp.shinkin.otp.domain.contract.ContractCommand.ResetToken;
import jp.shinkin.otp.domain.contract.ContractCommand.Resynchronise;
import jp.shinkin.otp.domain.contract.ContractCommand.SetLoginOtpRequired;
import jp.shinkin.otp.domain.contract.ContractCommand.StartLogin;
import jp.shinkin.otp.domain.contract.ContractCommand.StartRegistration;
import jp.shinkin.otp.domain.contract.ContractCommand.StartStop;
import jp.shinkin.otp.domain.contract.ContractCommand.SuspendToken;
import jp.shinkin.otp.domain.contract.ContractCommand.Unlock;
import jp.shinkin.otp.domain.contract.ContractCommand.VerifyOtp;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractLocked;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpVerified;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenRegistered;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenResynchronised;
import jp.shinkin.otp.domain.contract.ContractFixture.TestToken;
import jp.shinkin.otp.domain.otp.Totp;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random interleavings of every command at random times, with right, wrong, early, late and
 * replayed codes. Whatever the order, the invariants of DESIGN.md §1 must hold.
 */
class ContractPropertiesTest {
    enum Action {
        VERIFY, LOGIN, ANSWER_CHALLENGE, REGISTER_START, CONFIRM_CURRENT, REGISTER_COMPLETE, RESOLVE_CLAIM, STOP_START,
        STOP_COMPLETE,
        LOGIN_OTP_OFF, LOGIN_OTP_ON, LIMIT_CHANGE, RESET, SUSPEND, UNLOCK, RESYNC, OPEN_AGAIN
    }

    /** One step of a scenario: what to do, how long after the previous step, which code to give. */
    record Step(Action action, int secondsLater, int codeStepOffset, boolean wrongCode, boolean passwordMatches,
                boolean replayOldCode) {
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Action.class),
                Arbitraries.integers().between(0, 75),
                Arbitraries.integers().between(-2, 2),
                Arbitraries.integers().between(0, 3).map(i -> i == 0),
                Arbitraries.integers().between(0, 4).map(i -> i != 0),
                Arbitraries.integers().between(0, 5).map(i -> i == 0)
        ).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void invariantsHoldForAnyInterleaving(@ForAll("scenarios") List<Step> scenario,
                                          @ForAll @IntRange(min = 1, max = 6) int lockLimit) {
        OtpPolicy policy = new OtpPolicy(OtpPolicy.DEFAULT.window(), lockLimit, lockLimit, OtpPolicy.DEFAULT.ticketTtl());
        ContractFixture fx = new ContractFixture(policy);
        Map<TokenId, TestToken> tokens = new HashMap<>();
        int nextToken = 1;
        List<ContractEvent> log = new ArrayList<>();
        List<String> usedCodes = new ArrayList<>();
        ContractState state = ContractState.NONE;
        Instant now = ContractFixture.T0;

        state = apply(fx, state, new OpenContract(ContractFixture.HASH), now, log);
        for (Step step : scenario) {
            now = now.plusSeconds(step.secondsLater());
            Instant codeTime = now.plusSeconds(30L * step.codeStepOffset());
            Optional<TestToken> current = state.token().map(t -> tokens.get(t.tokenId()));
            String code = current.map(t -> t.codeAt(codeTime)).orElse("000000");
            if (step.wrongCode()) {
                code = String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 7) % 1_000_000);
            }
            if (step.replayOldCode() && !usedCodes.isEmpty()) {
                code = usedCodes.get(usedCodes.size() - 1);
            }
            String ticket = "t" + log.size();
            ContractCommand command = switch (step.action()) {
                case VERIFY -> new VerifyOtp(Purpose.TRANSFER, code, Optional.of("hash"));
                case LOGIN -> new StartLogin(ticket, step.passwordMatches());
                case ANSWER_CHALLENGE -> new AnswerLoginChallenge(ticketId(state, TicketKind.LOGIN_CHALLENGE), code);
                case REGISTER_START -> new StartRegistration(ticket, step.passwordMatches());
                case CONFIRM_CURRENT -> new ConfirmCurrentToken(ticketId(state, TicketKind.REGISTRATION), code);
                case REGISTER_COMPLETE -> {
                    TestToken fresh = fx.token(new TokenId(String.format(Locale.ROOT, "SKMT%08d", nextToken++)));
                    tokens.put(fresh.id(), fresh);
                    String freshCode = step.wrongCode() ? "000000" : fresh.codeAt(codeTime);
                    yield new CompleteRegistration(ticketId(state, TicketKind.REGISTRATION), fresh.id(), fresh.sealed(),
                            TotpParameters.DEFAULT, freshCode);
                }
                case RESOLVE_CLAIM -> {
                    Optional<Ticket> registration = Optional.ofNullable(state.tickets().get(TicketKind.REGISTRATION));
                    TokenId claimed = registration.flatMap(Ticket::pendingClaim).map(PendingClaim::tokenId)
                            .orElse(new TokenId("SKMT99999999"));
                    yield new ContractCommand.ResolveTokenClaim(registration.map(Ticket::id).orElse("none"), claimed,
                            step.passwordMatches());
                }
                case STOP_START -> new StartStop(ticket, step.passwordMatches());
                case STOP_COMPLETE -> new CompleteStop(ticketId(state, TicketKind.STOP), code);
                case LOGIN_OTP_OFF -> new SetLoginOtpRequired(false, Optional.of(code));
                case LOGIN_OTP_ON -> new SetLoginOtpRequired(true, Optional.empty());
                case LIMIT_CHANGE -> new ChangeTransferLimit(new Money("100000", "JPY"), code);
                case RESET -> new ResetToken("op", "test");
                case SUSPEND -> new SuspendToken(SuspensionReason.LOST, "op");
                case UNLOCK -> new Unlock("op", "test");
                case RESYNC -> new Resynchronise(code, current.map(t -> t.codeAt(codeTime.plusSeconds(30))).orElse("000000"), "op");
                case OPEN_AGAIN -> new OpenContract(ContractFixture.HASH);
            };
            int before = log.size();
            state = apply(fx, state, command, now, log);
            for (ContractEvent e : log.subList(before, log.size())) {
                if (e instanceof OtpVerified v) {
                    usedCodes.add(Totp.codeForStep(tokens.get(v.tokenId()).seed(), v.step(), TotpParameters.DEFAULT));
                }
            }
        }

        assertEachStepAcceptedOnce(log);
        assertFailuresNeverExceed(log, lockLimit);
        assertThat(ContractEvolver.fold(log)).as("a rebuild from the log gives the same state").isEqualTo(state);
    }

    private static String ticketId(ContractState state, TicketKind kind) {
        return Optional.ofNullable(state.tickets().get(kind)).map(Ticket::id).orElse("none");
    }

    /** Decides, checks determinism, and evolves the caller's state with exactly the emitted events. */
    private static ContractState apply(ContractFixture fx, ContractState state, ContractCommand command, Instant now,
                                       List<ContractEvent> log) {
        assertThat(ContractEvolver.fold(log)).as("the state decide sees is the fold of the log").isEqualTo(state);
        Decision decision = fx.decider.decide(state, command, now);
        assertThat(fx.decider.decide(state, command, now)).isEqualTo(decision);
        for (ContractEvent event : decision.events()) {
            state = ContractEvolver.evolve(state, event);
        }
        log.addAll(decision.events());
        return state;
    }

    private static void assertEachStepAcceptedOnce(List<ContractEvent> log) {
        Map<TokenId, Long> last = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ContractEvent e : log) {
            TokenId token = null;
            long step = 0;
            if (e instanceof OtpVerified v) {
                token = v.tokenId();
                step = v.step();
            } else if (e instanceof TokenRegistered r) {
                token = r.tokenId();
                step = r.acceptedStep();
            } else if (e instanceof TokenResynchronised r) {
                token = r.tokenId();
                step = r.step();
            }
            if (token != null) {
                assertThat(seen.add(token + "@" + step)).as("step %d of %s accepted twice", step, token).isTrue();
                Long previous = last.put(token, step);
                if (previous != null) {
                    assertThat(step).as("accepted steps only move forward").isGreaterThan(previous);
                }
            }
        }
    }

    private static void assertFailuresNeverExceed(List<ContractEvent> log, int limit) {
        boolean locked = false;
        for (ContractEvent e : log) {
            if (e instanceof OtpRejected r) {
                assertThat(locked).as("no code is judged while locked").isFalse();
                assertThat(r.consecutiveFailures()).isBetween(1, limit);
            } else if (e instanceof ContractLocked) {
                locked = true;
            } else if (e instanceof ContractEvent.ContractUnlocked || e instanceof ContractEvent.TokenReset) {
                locked = false;
            }
        }
    }
}
