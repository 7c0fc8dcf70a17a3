package jp.shinkin.otp.domain.contract;

import static jp.shinkin.otp.domain.contract.ContractFixture.HASH;
import static jp.shinkin.otp.domain.contract.ContractFixture.NEW_TOKEN;
import static jp.shinkin.otp.domain.contract.ContractFixture.T0;
import static jp.shinkin.otp.domain.contract.ContractFixture.TOKEN;
import static jp.shinkin.otp.domain.contract.ContractFixture.opened;
import static jp.shinkin.otp.domain.contract.ContractFixture.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import jp.shinkin.otp.domain.contract.ContractCommand.AnswerLoginChallenge;
import jp.shinkin.otp.domain.contract.ContractCommand.ChangeTransferLimit;
import jp.shinkin.otp.domain.contract.ContractCommand.CompleteRegistration;
import jp.shinkin.otp.domain.contract.ContractCommand.CompleteStop;
import jp.shinkin.otp.domain.contract.ContractCommand.ConfirmCurrentToken;
import jp.shinkin.otp.domain.contract.ContractCommand.OpenContract;
import jp.shinkin.otp.domain.contract.ContractCommand.ResetToken;
import jp.shinkin.otp.domain.contract.ContractCommand.ResolveTokenClaim;
import jp.shinkin.otp.domain.contract.ContractCommand.Resynchronise;
import jp.shinkin.otp.domain.contract.ContractCommand.SetLoginOtpRequired;
import jp.shinkin.otp.domain.contract.ContractCommand.StartLogin;
import jp.shinkin.otp.domain.contract.ContractCommand.StartRegistration;
import jp.shinkin.otp.domain.contract.ContractCommand.StartStop;
import jp.shinkin.otp.domain.contract.ContractCommand.SuspendToken;
import jp.shinkin.otp.domain.contract.ContractCommand.Unlock;
import jp.shinkin.otp.domain.contract.ContractCommand.VerifyOtp;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractLocked;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractOpened;
import jp.shinkin.otp.domain.contract.ContractEvent.ContractUnlocked;
import jp.shinkin.otp.domain.contract.ContractEvent.CurrentTokenConfirmed;
import jp.shinkin.otp.domain.contract.ContractEvent.DeviceChanged;
import jp.shinkin.otp.domain.contract.ContractEvent.LockoutWarningIssued;
import jp.shinkin.otp.domain.contract.ContractEvent.LoginOtpSettingChanged;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpReplayRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.OtpVerified;
import jp.shinkin.otp.domain.contract.ContractEvent.PasswordAccepted;
import jp.shinkin.otp.domain.contract.ContractEvent.PasswordRejected;
import jp.shinkin.otp.domain.contract.ContractEvent.TicketConsumed;
import jp.shinkin.otp.domain.contract.ContractEvent.TicketIssued;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenClaimRefused;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenClaimRequested;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenRegistered;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenReleased;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenReset;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenResynchronised;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenStopped;
import jp.shinkin.otp.domain.contract.ContractEvent.TokenSuspended;
import jp.shinkin.otp.domain.contract.ContractEvent.TransferLimitChanged;
import jp.shinkin.otp.domain.contract.ContractFixture.TestToken;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenClaims;
import jp.shinkin.otp.domain.token.TokenId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContractDeciderTest {
    private static final TotpParameters P = TotpParameters.DEFAULT;
    private static final Instant LATER = T0.plus(Duration.ofMinutes(1));
    private static final long LATER_STEP = P.stepAt(LATER);

    private final ContractFixture fx = new ContractFixture();
    private final TestToken token = fx.token(TOKEN);

    private static String wrong(String code) {
        return String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private ContractFixture withActiveToken() {
        return fx.given(opened(), registered(token, T0));
    }

    @Nested
    class OpenContract_ {
        @Test
        void opensANewContractWithLoginOtpRequiredByDefault() {
            fx.when(new OpenContract(HASH), T0).thenSucceeded(ResultCode.OK).thenEvents(new ContractOpened(HASH));
            assertThat(fx.state().loginOtpRequired()).isTrue();
            assertThat(fx.state().opened()).isTrue();
        }

        @Test
        void anExistingContractIsE1010() {
            fx.given(opened()).when(new OpenContract(HASH), T0).thenRejected(ErrorCode.E1010).thenEvents();
        }
    }

    @Nested
    class Login {
        @Test
        void withoutATokenThePasswordIsEnough() {
            fx.given(opened()).when(new StartLogin("c1", true), T0)
                    .thenSucceeded(ResultCode.OK).thenEvents(new PasswordAccepted(TicketKind.LOGIN_CHALLENGE));
        }

        @Test
        void withATokenAChallengeFollowsAndTheCodeCompletesIt() {
            withActiveToken().when(new StartLogin("c1", true), LATER).thenSucceeded(ResultCode.OK).thenEvents(
                    new PasswordAccepted(TicketKind.LOGIN_CHALLENGE),
                    new TicketIssued(new Ticket("c1", TicketKind.LOGIN_CHALLENGE, LATER.plus(Duration.ofMinutes(5)), false, false)));
            fx.when(new AnswerLoginChallenge("c1", token.codeAt(LATER)), LATER).thenSucceeded(ResultCode.OK).thenEvents(
                    new OtpVerified(TOKEN, Purpose.LOGIN, LATER_STEP, 0, Optional.empty(), LATER),
                    new TicketConsumed("c1", TicketKind.LOGIN_CHALLENGE));
        }

        @Test
        void aChallengeIsSingleUse() {
            withActiveToken().when(new StartLogin("c1", true), LATER)
                    .when(new AnswerLoginChallenge("c1", token.codeAt(LATER)), LATER).thenSucceeded(ResultCode.OK);
            Instant next = LATER.plusSeconds(30);
            fx.when(new AnswerLoginChallenge("c1", token.codeAt(next)), next).thenRejected(ErrorCode.E1007).thenEvents();
        }

        @Test
        void anExpiredOrUnknownChallengeIsE1007() {
            withActiveToken().when(new StartLogin("c1", true), LATER);
            Instant expired = LATER.plus(Duration.ofMinutes(5));
            fx.when(new AnswerLoginChallenge("c1", token.codeAt(expired)), expired).thenRejected(ErrorCode.E1007);
            fx.when(new AnswerLoginChallenge("other", token.codeAt(LATER)), LATER).thenRejected(ErrorCode.E1007);
        }

        @Test
        void withLoginOtpOffThePasswordIsEnough() {
            withActiveToken().given(new LoginOtpSettingChanged(false))
                    .when(new StartLogin("c1", true), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new PasswordAccepted(TicketKind.LOGIN_CHALLENGE));
        }

        @Test
        void anUnknownContractAnswersLikeAWrongPassword() {
            fx.when(new StartLogin("c1", true), T0).thenRejected(ErrorCode.E1001).thenEvents();
        }

        @Test
        void aWrongPasswordIsE1001AndCounted() {
            fx.given(opened()).when(new StartLogin("c1", false), T0).thenRejected(ErrorCode.E1001)
                    .thenEvents(new PasswordRejected(1));
        }

        @Test
        void aSuspendedTokenCannotLogInWithOtpRequired() {
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.LOST, "op1"))
                    .when(new StartLogin("c1", true), LATER).thenRejected(ErrorCode.E1009);
        }
    }

    @Nested
    class Lockout {
        @Test
        void fiveWrongCodesLockWithAWarningBeforeTheLast() {
            withActiveToken();
            String bad = wrong(token.codeAt(LATER));
            for (int i = 1; i <= 3; i++) {
                fx.when(new VerifyOtp(Purpose.LOGIN, bad, Optional.empty()), LATER).thenRejected(ErrorCode.E1002)
                        .thenEvents(new OtpRejected(TOKEN, Purpose.LOGIN, i));
            }
            fx.when(new VerifyOtp(Purpose.LOGIN, bad, Optional.empty()), LATER).thenRejected(ErrorCode.E1002)
                    .thenEvents(new OtpRejected(TOKEN, Purpose.LOGIN, 4),
                            new LockoutWarningIssued(LockReason.OTP_FAILURES, 1));
            fx.when(new VerifyOtp(Purpose.LOGIN, bad, Optional.empty()), LATER).thenRejected(ErrorCode.E1003)
                    .thenEvents(new OtpRejected(TOKEN, Purpose.LOGIN, 5), new ContractLocked(LockReason.OTP_FAILURES));
            fx.when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER), Optional.empty()), LATER)
                    .thenRejected(ErrorCode.E1003).thenEvents();
        }

        @Test
        void theLimitIsConfigurable() {
            ContractFixture strict = new ContractFixture(new OtpPolicy(OtpPolicy.DEFAULT.window(), 2, 3, Duration.ofMinutes(5)));
            TestToken t = strict.token(TOKEN);
            strict.given(opened(), registered(t, T0));
            strict.when(new VerifyOtp(Purpose.LOGIN, wrong(t.codeAt(LATER)), Optional.empty()), LATER)
                    .thenEvents(new OtpRejected(TOKEN, Purpose.LOGIN, 1), new LockoutWarningIssued(LockReason.OTP_FAILURES, 1));
            strict.when(new VerifyOtp(Purpose.LOGIN, wrong(t.codeAt(LATER)), Optional.empty()), LATER)
                    .thenRejected(ErrorCode.E1003);
            assertThat(strict.state().lock()).contains(LockReason.OTP_FAILURES);
        }

        @Test
        void aRightCodeClearsTheCount() {
            withActiveToken().given(new OtpRejected(TOKEN, Purpose.LOGIN, 4))
                    .when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER), Optional.empty()), LATER)
                    .thenSucceeded(ResultCode.OK);
            assertThat(fx.state().otpFailures()).isZero();
        }

        @Test
        void aReplayedCodeIsE1008AndNotCounted() {
            withActiveToken().when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER), Optional.empty()), LATER)
                    .thenSucceeded(ResultCode.OK);
            fx.when(new VerifyOtp(Purpose.TRANSFER, token.codeAt(LATER), Optional.of("h")), LATER.plusSeconds(5))
                    .thenRejected(ErrorCode.E1008)
                    .thenEvents(new OtpReplayRejected(TOKEN, Purpose.TRANSFER, LATER_STEP));
            assertThat(fx.state().otpFailures()).isZero();
        }

        @Test
        void wrongPasswordsLockOnTheirOwnCounterButStillAnswerE1001() {
            fx.given(opened());
            for (int i = 1; i <= 4; i++) {
                fx.when(new StartLogin("c", false), T0).thenRejected(ErrorCode.E1001);
            }
            assertThat(fx.last().events()).contains(new LockoutWarningIssued(LockReason.PASSWORD_FAILURES, 1));
            fx.when(new StartLogin("c", false), T0).thenRejected(ErrorCode.E1001)
                    .thenEvents(new PasswordRejected(5), new ContractLocked(LockReason.PASSWORD_FAILURES));
            assertThat(fx.state().otpFailures()).isZero();
            fx.when(new StartLogin("c", true), T0).thenRejected(ErrorCode.E1003).thenEvents();
        }

        @Test
        void aRightPasswordClearsItsCount() {
            fx.given(opened(), new PasswordRejected(3)).when(new StartLogin("c", true), T0).thenSucceeded(ResultCode.OK);
            assertThat(fx.state().passwordFailures()).isZero();
        }

        @Test
        void unlockIsAuditedAndClearsBothCounters() {
            withActiveToken().given(new OtpRejected(TOKEN, Purpose.LOGIN, 5), new ContractLocked(LockReason.OTP_FAILURES),
                            new PasswordRejected(2))
                    .when(new Unlock("op1", "customer identified at branch"), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractUnlocked("op1", "customer identified at branch"));
            assertThat(fx.state().locked()).isFalse();
            assertThat(fx.state().otpFailures()).isZero();
            assertThat(fx.state().passwordFailures()).isZero();
            fx.when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER), Optional.empty()), LATER).thenSucceeded(ResultCode.OK);
        }

        @Test
        void unlockingAnUnlockedContractRecordsNothing() {
            withActiveToken().when(new Unlock("op1", "r"), LATER).thenSucceeded(ResultCode.OK).thenEvents();
        }
    }

    @Nested
    class Verification {
        @Test
        void aTransferCodeCarriesTheTransferHash() {
            String hash = new TransferDetails("001-1234567", "002-7654321", new Money("50000", "JPY")).hash();
            withActiveToken().when(new VerifyOtp(Purpose.TRANSFER, token.codeAt(LATER), Optional.of(hash)), LATER)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.TRANSFER, LATER_STEP, 0, Optional.of(hash), LATER));
        }

        @Test
        void aTransferWithoutItsHashIsMalformed() {
            withActiveToken().when(new VerifyOtp(Purpose.TRANSFER, token.codeAt(LATER), Optional.empty()), LATER)
                    .thenRejected(ErrorCode.E4000).thenEvents();
        }

        @Test
        void noTokenIsE1004() {
            fx.given(opened()).when(new VerifyOtp(Purpose.LOGIN, "123456", Optional.empty()), T0)
                    .thenRejected(ErrorCode.E1004).thenEvents();
            new ContractFixture().when(new VerifyOtp(Purpose.LOGIN, "123456", Optional.empty()), T0)
                    .thenRejected(ErrorCode.E1004);
        }

        @Test
        void aSuspendedTokenIsE1009Immediately() {
            withActiveToken().when(new SuspendToken(SuspensionReason.STOLEN, "op1"), LATER)
                    .thenEvents(new TokenSuspended(TOKEN, SuspensionReason.STOLEN, "op1"));
            fx.when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER), Optional.empty()), LATER)
                    .thenRejected(ErrorCode.E1009).thenEvents();
        }

        @Test
        void aShreddedSeedCannotVerify() {
            withActiveToken();
            fx.shred(TOKEN);
            fx.when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER), Optional.empty()), LATER)
                    .thenRejected(ErrorCode.E1009).thenEvents();
        }

        @Test
        void theRegistrationCodeItselfCannotBeReused() {
            withActiveToken().when(new VerifyOtp(Purpose.LOGIN, token.codeAt(T0), Optional.empty()), T0.plusSeconds(10))
                    .thenRejected(ErrorCode.E1008);
        }

        @Test
        void driftIsRecorded() {
            withActiveToken().when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER.plusSeconds(30)), Optional.empty()), LATER)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.LOGIN, LATER_STEP + 1, 1, Optional.empty(), LATER));
            assertThat(fx.state().token().orElseThrow().driftSteps()).isEqualTo(1);
        }

        @Test
        void resynchronisationReanchorsADriftedToken() {
            Instant ahead = LATER.plus(Duration.ofMinutes(4));
            long aheadStep = P.stepAt(ahead);
            withActiveToken().when(new VerifyOtp(Purpose.LOGIN, token.codeAt(ahead), Optional.empty()), LATER)
                    .thenRejected(ErrorCode.E1002);
            fx.when(new Resynchronise(token.codeAt(ahead), token.codeAt(ahead.plusSeconds(30)), "op1"), LATER)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new TokenResynchronised(TOKEN, aheadStep + 1, (int) (aheadStep + 1 - LATER_STEP), "op1", LATER));
            assertThat(fx.state().otpFailures()).isZero();
            Instant next = LATER.plusSeconds(30);
            fx.when(new VerifyOtp(Purpose.LOGIN, token.codeAt(ahead.plusSeconds(60)), Optional.empty()), next)
                    .thenSucceeded(ResultCode.OK);
        }

        @Test
        void resynchronisationWithWrongCodesIsE1002() {
            withActiveToken().when(new Resynchronise("000000", "000001", "op1"), LATER).thenRejected(ErrorCode.E1002);
        }
    }

    @Nested
    class Registration {
        private final TestToken fresh = fx.token(NEW_TOKEN);

        @Test
        void registersAFirstTokenWith00001() {
            fx.given(opened()).when(new StartRegistration("r1", true), T0).thenSucceeded(ResultCode.OK).thenEvents(
                    new PasswordAccepted(TicketKind.REGISTRATION),
                    new TicketIssued(new Ticket("r1", TicketKind.REGISTRATION, T0.plus(Duration.ofMinutes(5)), false, false)));
            fx.when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(LATER)), LATER)
                    .thenPending().thenEvents(new TokenClaimRequested("r1", NEW_TOKEN, fresh.sealed(), P, LATER_STEP));
            assertThat(fx.state().token()).as("registered only once the token ID is granted").isEmpty();
            Instant granted = LATER.plusMillis(40);
            fx.when(new ResolveTokenClaim("r1", NEW_TOKEN, true), granted)
                    .thenSucceeded(ResultCode.REGISTERED).thenEvents(
                            new TokenRegistered(NEW_TOKEN, fresh.sealed(), P, LATER_STEP, false, granted),
                            new TicketConsumed("r1", TicketKind.REGISTRATION));
            assertThat(fx.state().activeToken().map(TokenCredential::tokenId)).contains(NEW_TOKEN);
            assertThat(fx.state().loginNeedsOtp()).isTrue();
        }

        @Test
        void aTokenIdHeldByAnotherContractIsE1006AndTheTicketStaysOpen() {
            fx.given(opened()).when(new StartRegistration("r1", true), T0)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(T0)), T0)
                    .when(new ResolveTokenClaim("r1", NEW_TOKEN, false), T0)
                    .thenRejected(ErrorCode.E1006).thenEvents(new TokenClaimRefused("r1", NEW_TOKEN));
            assertThat(fx.state().ticket("r1", TicketKind.REGISTRATION)).hasValueSatisfying(
                    t -> assertThat(t.pendingClaim()).isEmpty());
            fx.when(new ResolveTokenClaim("r1", NEW_TOKEN, true), T0).thenRejected(ErrorCode.E1007)
                    .thenEvents(new TokenReleased(NEW_TOKEN));
        }

        @Test
        void aGrantNobodyWaitsForReleasesTheTokenId() {
            fx.given(opened()).when(new StartRegistration("r1", true), T0)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(T0)), T0);
            Instant expired = T0.plus(Duration.ofMinutes(5));
            fx.when(new ResolveTokenClaim("r1", NEW_TOKEN, true), expired).thenRejected(ErrorCode.E1007)
                    .thenEvents(new TokenReleased(NEW_TOKEN));
            fx.when(new ResolveTokenClaim("r1", NEW_TOKEN, false), expired).thenRejected(ErrorCode.E1007).thenEvents();
        }

        @Test
        void aWrongPasswordIsE1001() {
            fx.given(opened()).when(new StartRegistration("r1", false), T0).thenRejected(ErrorCode.E1001)
                    .thenEvents(new PasswordRejected(1));
        }

        @Test
        void aWrongCodeForTheNewTokenIsCounted() {
            fx.given(opened()).when(new StartRegistration("r1", true), T0)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, wrong(fresh.codeAt(T0))), T0)
                    .thenRejected(ErrorCode.E1002).thenEvents(new OtpRejected(NEW_TOKEN, Purpose.REGISTRATION, 1));
            assertThat(fx.state().token()).isEmpty();
        }

        @Test
        void aRefusedClaimSaysWhyRetiredOrCodeUsed() {
            fx.given(opened()).when(new StartRegistration("r1", true), T0)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(LATER)), LATER).thenPending();
            fx.when(new ResolveTokenClaim("r1", NEW_TOKEN, false,
                    Optional.of(TokenClaims.Refusal.CODE_USED)), LATER).thenRejected(ErrorCode.E1008);
            fx.when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(LATER)), LATER).thenPending();
            fx.when(new ResolveTokenClaim("r1", NEW_TOKEN, false,
                    Optional.of(TokenClaims.Refusal.RETIRED)), LATER).thenRejected(ErrorCode.E1005);
        }

        @Test
        void anUnknownTokenIsE1005() {
            TestToken unknown = new TestToken(NEW_TOKEN, fresh.seed(), fx.token(new TokenId("SKMT00000099")).sealed());
            fx.given(opened()).when(new StartRegistration("r1", true), T0)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, unknown.sealed(), P, fresh.codeAt(T0)), T0)
                    .thenRejected(ErrorCode.E1005).thenEvents();
        }

        @Test
        void theTicketExpiresAfterFiveMinutes() {
            Instant expired = T0.plus(Duration.ofMinutes(5));
            fx.given(opened()).when(new StartRegistration("r1", true), T0)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(expired)), expired)
                    .thenRejected(ErrorCode.E1007).thenEvents();
        }

        @Test
        void deviceChangeNeedsACodeFromTheCurrentTokenThenAnswers00003() {
            withActiveToken().when(new StartRegistration("r1", true), LATER).thenEvents(
                    new PasswordAccepted(TicketKind.REGISTRATION),
                    new TicketIssued(new Ticket("r1", TicketKind.REGISTRATION, LATER.plus(Duration.ofMinutes(5)), true, false)));
            fx.when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(LATER)), LATER)
                    .thenRejected(ErrorCode.E1007);
            assertThat(fx.state().activeToken().map(TokenCredential::tokenId)).as("old token still valid").contains(TOKEN);

            fx.when(new ConfirmCurrentToken("r1", token.codeAt(LATER)), LATER).thenSucceeded(ResultCode.OK).thenEvents(
                    new OtpVerified(TOKEN, Purpose.REGISTRATION, LATER_STEP, 0, Optional.empty(), LATER),
                    new CurrentTokenConfirmed("r1"));
            // The new token's code may come from the same 30-s step as the old one's.
            fx.when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(LATER)), LATER).thenPending();
            assertThat(fx.state().activeToken().map(TokenCredential::tokenId)).as("old token valid until granted").contains(TOKEN);
            fx.when(new ResolveTokenClaim("r1", NEW_TOKEN, true), LATER)
                    .thenSucceeded(ResultCode.TOKEN_CHANGED).thenEvents(
                            new DeviceChanged(TOKEN, NEW_TOKEN),
                            new TokenRegistered(NEW_TOKEN, fresh.sealed(), P, LATER_STEP, true, LATER),
                            new TicketConsumed("r1", TicketKind.REGISTRATION));
            Instant next = LATER.plusSeconds(30);
            fx.when(new VerifyOtp(Purpose.LOGIN, token.codeAt(next), Optional.empty()), next).thenRejected(ErrorCode.E1002);
        }

        @Test
        void deviceChangeKeepsTheLoginSetting() {
            withActiveToken().given(new LoginOtpSettingChanged(false)).when(new StartRegistration("r1", true), LATER)
                    .when(new ConfirmCurrentToken("r1", token.codeAt(LATER)), LATER)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(LATER)), LATER)
                    .when(new ResolveTokenClaim("r1", NEW_TOKEN, true), LATER)
                    .thenSucceeded(ResultCode.TOKEN_CHANGED);
            assertThat(fx.state().loginOtpRequired()).isFalse();
        }

        @Test
        void registeringTheSameTokenAgainIsE1006() {
            withActiveToken().when(new StartRegistration("r1", true), LATER)
                    .when(new ConfirmCurrentToken("r1", token.codeAt(LATER)), LATER)
                    .when(new CompleteRegistration("r1", TOKEN, token.sealed(), P, token.codeAt(LATER.plusSeconds(30))), LATER)
                    .thenRejected(ErrorCode.E1006);
        }

        @Test
        void anUninstalledTokenIsReplacedWithoutItsCode() {
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.UNINSTALLED, "op1"))
                    .when(new StartRegistration("r1", true), LATER)
                    .when(new CompleteRegistration("r1", NEW_TOKEN, fresh.sealed(), P, fresh.codeAt(LATER)), LATER)
                    .when(new ResolveTokenClaim("r1", NEW_TOKEN, true), LATER)
                    .thenSucceeded(ResultCode.REGISTERED);
            assertThat(fx.state().activeToken().map(TokenCredential::tokenId)).contains(NEW_TOKEN);
        }

        @Test
        void confirmingTheCurrentTokenWhenThereIsNoneIsE1004() {
            fx.given(opened()).when(new StartRegistration("r1", true), T0)
                    .when(new ConfirmCurrentToken("r1", "123456"), T0).thenRejected(ErrorCode.E1004);
        }

        @Test
        void aLockedContractCannotRegister() {
            fx.given(opened(), new ContractLocked(LockReason.OTP_FAILURES))
                    .when(new StartRegistration("r1", true), T0).thenRejected(ErrorCode.E1003);
        }
    }

    @Nested
    class Stop {
        @Test
        void stopsInTwoScreensWith00002() {
            withActiveToken().when(new StartStop("s1", true), LATER).thenSucceeded(ResultCode.OK).thenEvents(
                    new PasswordAccepted(TicketKind.STOP),
                    new TicketIssued(new Ticket("s1", TicketKind.STOP, LATER.plus(Duration.ofMinutes(5)), true, false)));
            fx.when(new CompleteStop("s1", token.codeAt(LATER)), LATER).thenSucceeded(ResultCode.STOPPED).thenEvents(
                    new OtpVerified(TOKEN, Purpose.STOP, LATER_STEP, 0, Optional.empty(), LATER),
                    new TokenStopped(TOKEN, OptionalLong.of(LATER_STEP)),
                    new TicketConsumed("s1", TicketKind.STOP));
            assertThat(fx.state().token()).isEmpty();
            fx.when(new StartLogin("c", true), LATER).thenEvents(new PasswordAccepted(TicketKind.LOGIN_CHALLENGE));
        }

        @Test
        void withoutATokenIsE1004AndWithASuspendedOneE1009() {
            fx.given(opened()).when(new StartStop("s1", true), T0).thenRejected(ErrorCode.E1004);
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.UNINSTALLED, "op"))
                    .when(new StartStop("s1", true), T0).thenRejected(ErrorCode.E1009);
        }

        @Test
        void aWrongCodeKeepsTheToken() {
            withActiveToken().when(new StartStop("s1", true), LATER)
                    .when(new CompleteStop("s1", wrong(token.codeAt(LATER))), LATER).thenRejected(ErrorCode.E1002);
            assertThat(fx.state().activeToken()).isPresent();
        }

        @Test
        void theCustomerMayRetireTheTokenWithTheStop() {
            withActiveToken().when(new StartStop("s1", true), LATER);
            fx.when(new CompleteStop("s1", token.codeAt(LATER), true), LATER).thenSucceeded(ResultCode.STOPPED).thenEvents(
                    new OtpVerified(TOKEN, Purpose.STOP, LATER_STEP, 0, Optional.empty(), LATER),
                    new TokenStopped(TOKEN, OptionalLong.of(LATER_STEP), true),
                    new TicketConsumed("s1", TicketKind.STOP));
        }

        @Test
        void anUnknownStopIsE1007() {
            withActiveToken().when(new CompleteStop("nope", token.codeAt(LATER)), LATER).thenRejected(ErrorCode.E1007);
        }
    }

    @Nested
    class Settings {
        @Test
        void switchingLoginOtpOffNeedsACode() {
            withActiveToken().when(new SetLoginOtpRequired(false, Optional.empty()), LATER).thenRejected(ErrorCode.E1002);
            fx.when(new SetLoginOtpRequired(false, Optional.of(token.codeAt(LATER))), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.LOGIN_OTP_OFF, LATER_STEP, 0, Optional.empty(), LATER),
                            new LoginOtpSettingChanged(false));
            assertThat(fx.state().loginNeedsOtp()).isFalse();
        }

        @Test
        void switchingItOnNeedsNoCode() {
            withActiveToken().given(new LoginOtpSettingChanged(false))
                    .when(new SetLoginOtpRequired(true, Optional.empty()), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new LoginOtpSettingChanged(true));
            fx.when(new SetLoginOtpRequired(true, Optional.empty()), LATER).thenSucceeded(ResultCode.OK).thenEvents();
        }

        @Test
        void aTransferLimitChangeAlwaysNeedsACode() {
            Money limit = new Money("1000000.00", "JPY");
            withActiveToken().when(new ChangeTransferLimit(limit, token.codeAt(LATER)), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.LIMIT_CHANGE, LATER_STEP, 0, Optional.empty(), LATER),
                            new TransferLimitChanged(new Money("1000000", "JPY")));
            assertThat(fx.state().transferLimit()).contains(new Money("1000000", "JPY"));
            fx.given(new LoginOtpSettingChanged(false))
                    .when(new ChangeTransferLimit(limit, wrong(token.codeAt(LATER))), LATER).thenRejected(ErrorCode.E1002);
        }
    }

    @Nested
    class Operations {
        @Test
        void aResetRemovesTheTokenAndTheLock() {
            withActiveToken().given(new OtpRejected(TOKEN, Purpose.LOGIN, 5), new ContractLocked(LockReason.OTP_FAILURES))
                    .when(new ResetToken("op7", "device broken"), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new TokenReset(TOKEN, "op7", "device broken"));
            assertThat(fx.state().token()).isEmpty();
            assertThat(fx.state().locked()).isFalse();
            fx.when(new VerifyOtp(Purpose.LOGIN, token.codeAt(LATER), Optional.empty()), LATER).thenRejected(ErrorCode.E1004);
        }

        @Test
        void resetWithoutATokenIsE1004() {
            fx.given(opened()).when(new ResetToken("op", "r"), T0).thenRejected(ErrorCode.E1004);
        }

        @Test
        void suspendingTwiceIsARetry() {
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.LOST, "op"))
                    .when(new SuspendToken(SuspensionReason.LOST, "op"), LATER).thenSucceeded(ResultCode.OK).thenEvents();
            fx.given().when(new ResetToken("op", "r"), LATER).thenSucceeded(ResultCode.OK);
        }

        @Test
        void afterALossOrTheftReportTheCustomerCannotRegisterUntilTheBankResets() {
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.STOLEN, "op"));
            fx.when(new StartRegistration("r1", true), LATER)
                    .thenRejected(ErrorCode.E1011).thenEvents(new PasswordAccepted(TicketKind.REGISTRATION));
            // Without the password nothing tells the caller about the report.
            fx.when(new StartRegistration("r2", false), LATER).thenRejected(ErrorCode.E1001);
            fx.given(new TokenReset(TOKEN, "op", "new phone")).when(new StartRegistration("r3", true), LATER)
                    .thenSucceeded(ResultCode.OK);
        }

        @Test
        void anUninstalledAppMayBeRegisteredAgainWithThePassword() {
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.UNINSTALLED, "op"))
                    .when(new StartRegistration("r1", true), LATER).thenSucceeded(ResultCode.OK);
        }

        @Test
        void aTheftReportedAfterAnUninstallStillBlocksRegistration() {
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.UNINSTALLED, "op"))
                    .when(new SuspendToken(SuspensionReason.STOLEN, "op2"), LATER)
                    .thenEvents(new TokenSuspended(TOKEN, SuspensionReason.STOLEN, "op2"));
            fx.when(new StartRegistration("r1", true), LATER).thenRejected(ErrorCode.E1011);
        }

        @Test
        void aTheftReportedAfterALossIsRecordedButNeverDowngradedToAnUninstall() {
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.LOST, "op"))
                    .when(new SuspendToken(SuspensionReason.STOLEN, "op2"), LATER)
                    .thenEvents(new TokenSuspended(TOKEN, SuspensionReason.STOLEN, "op2"));
            fx.when(new SuspendToken(SuspensionReason.UNINSTALLED, "op3"), LATER).thenSucceeded(ResultCode.OK).thenEvents();
            assertThat(fx.state().token().orElseThrow().suspension()).contains(SuspensionReason.STOLEN);
        }

        @Test
        void suspendingWithoutATokenIsE1004() {
            fx.given(opened()).when(new SuspendToken(SuspensionReason.LOST, "op"), T0).thenRejected(ErrorCode.E1004);
        }
    }

    /** Maker-checker (検印): one operator asks, another person approves or rejects, in time. */
    @Nested
    class Approvals {
        private static final long TTL = 3600;
        private final Instant inTime = LATER.plus(Duration.ofMinutes(30));
        private final Instant tooLate = LATER.plus(Duration.ofMinutes(61));

        private ContractCommand.RequestApproval reset(String id) {
            return new ContractCommand.RequestApproval(id, ApprovalAction.TOKEN_RESET, "sato-sub", "Hanako Sato",
                    "phone broken, customer at the desk", TTL);
        }

        private PendingApproval pendingReset(String id) {
            return new PendingApproval(id, ApprovalAction.TOKEN_RESET, "sato-sub", "Hanako Sato",
                    "phone broken, customer at the desk", LATER.plusSeconds(TTL), Optional.of(TOKEN));
        }

        @Test
        void aRequestChangesNothingButIsRecorded() {
            withActiveToken().when(reset("a1"), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.ApprovalRequested(pendingReset("a1")));
            assertThat(fx.state().token()).isPresent();
            assertThat(fx.state().approval("a1")).contains(pendingReset("a1"));
        }

        @Test
        void anotherPersonsApprovalMakesTheEffectNamingBoth() {
            withActiveToken().when(reset("a1"), LATER)
                    .when(new ContractCommand.DecideApproval("a1", true, "takahashi-sub", "Yuki Takahashi", "checked ID"), inTime)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.ApprovalGranted("a1", ApprovalAction.TOKEN_RESET, "sato-sub", "takahashi-sub",
                                    "Yuki Takahashi", "checked ID"),
                            new TokenReset(TOKEN, "sato-sub", "phone broken, customer at the desk", Optional.of("takahashi-sub")));
            assertThat(fx.state().token()).isEmpty();
            assertThat(fx.state().approvals()).isEmpty();
            // Decided once: a second approval finds nothing.
            fx.when(new ContractCommand.DecideApproval("a1", true, "takahashi-sub", "Yuki Takahashi", ""), inTime)
                    .thenRejected(ErrorCode.E1013);
        }

        @Test
        void nobodyApprovesOrRejectsTheirOwnRequest() {
            withActiveToken().when(reset("a1"), LATER)
                    .when(new ContractCommand.DecideApproval("a1", true, "sato-sub", "Hanako Sato", "self"), inTime)
                    .thenRejected(ErrorCode.E1014).thenEvents();
            fx.when(new ContractCommand.DecideApproval("a1", false, "sato-sub", "Hanako Sato", "self"), inTime)
                    .thenRejected(ErrorCode.E1014);
            assertThat(fx.state().token()).isPresent();
            assertThat(fx.state().approval("a1")).isPresent();
        }

        @Test
        void aRejectedRequestDoesNothing() {
            withActiveToken().when(reset("a1"), LATER)
                    .when(new ContractCommand.DecideApproval("a1", false, "takahashi-sub", "Yuki Takahashi", "not the customer"),
                            inTime)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.ApprovalRejected("a1", ApprovalAction.TOKEN_RESET, "sato-sub", "takahashi-sub",
                            "Yuki Takahashi", "not the customer"));
            assertThat(fx.state().token()).isPresent();
            assertThat(fx.state().approvals()).isEmpty();
        }

        @Test
        void anExpiredRequestDoesNothingAndIsDropped() {
            withActiveToken().when(reset("a1"), LATER)
                    .when(new ContractCommand.DecideApproval("a1", true, "takahashi-sub", "Yuki Takahashi", ""), tooLate)
                    .thenRejected(ErrorCode.E1013)
                    .thenEvents(new ContractEvent.ApprovalExpired("a1", ApprovalAction.TOKEN_RESET, "sato-sub"));
            assertThat(fx.state().token()).isPresent();
            assertThat(fx.state().approvals()).isEmpty();
        }

        @Test
        void oneRequestPerActionWaitsAtATimeUntilItExpires() {
            withActiveToken().when(reset("a1"), LATER).when(reset("a2"), inTime).thenRejected(ErrorCode.E1012);
            fx.when(reset("a3"), tooLate).thenSucceeded(ResultCode.OK);
            assertThat(fx.state().approval("a1")).isEmpty();
            assertThat(fx.state().approval("a3")).isPresent();
        }

        @Test
        void aResetAskedForOneTokenDoesNotWipeTheNextOne() {
            withActiveToken().when(reset("a1"), LATER);
            TokenId next = new TokenId("SKMT99999999");
            fx.given(new TokenStopped(TOKEN), new TokenRegistered(next, fx.token(next).sealed(), P, 1L, false, LATER))
                    .when(new ContractCommand.DecideApproval("a1", true, "takahashi-sub", "Yuki Takahashi", ""), inTime)
                    .thenRejected(ErrorCode.E1013)
                    .thenEvents(new ContractEvent.ApprovalExpired("a1", ApprovalAction.TOKEN_RESET, "sato-sub"));
            assertThat(fx.state().token().map(TokenCredential::tokenId)).contains(next);
        }

        @Test
        void anUnlockIsApprovedTheSameWay() {
            withActiveToken().given(new OtpRejected(TOKEN, Purpose.LOGIN, 5), new ContractLocked(LockReason.OTP_FAILURES))
                    .when(new ContractCommand.RequestApproval("u1", ApprovalAction.UNLOCK, "sato-sub", "Hanako Sato", "called",
                            TTL), LATER)
                    .thenSucceeded(ResultCode.OK);
            assertThat(fx.state().locked()).isTrue();
            fx.when(new ContractCommand.DecideApproval("u1", true, "takahashi-sub", "Yuki Takahashi", "ok"), inTime)
                    .thenEvents(new ContractEvent.ApprovalGranted("u1", ApprovalAction.UNLOCK, "sato-sub", "takahashi-sub",
                            "Yuki Takahashi", "ok"), new ContractUnlocked("sato-sub", "called", Optional.of("takahashi-sub")));
            assertThat(fx.state().locked()).isFalse();
        }

        @Test
        void aResetRequestNeedsATokenAndTheSuspensionsLiftIsAnApprovedReset() {
            fx.given(opened()).when(reset("a0"), LATER).thenRejected(ErrorCode.E1004);
            withActiveToken().given(new TokenSuspended(TOKEN, SuspensionReason.STOLEN, "op"));
            fx.when(new StartRegistration("r1", true), LATER).thenRejected(ErrorCode.E1011);
            fx.when(reset("a1"), LATER)
                    .when(new ContractCommand.DecideApproval("a1", true, "takahashi-sub", "Yuki Takahashi", ""), inTime)
                    .thenSucceeded(ResultCode.OK);
            fx.when(new StartRegistration("r2", true), inTime).thenSucceeded(ResultCode.OK);
        }
    }

    /** Sessions end at once: the epoch they carry is moved on by the facts that should end them. */
    @Nested
    class SessionEpochs {
        @Test
        void logoutEndsEverySessionOfTheContract() {
            withActiveToken();
            long before = fx.state().sessionEpoch();
            fx.when(new ContractCommand.EndSessions(), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.SessionsEnded("LOGOUT"));
            assertThat(fx.state().sessionEpoch()).isEqualTo(before + 1);
        }

        @Test
        void suspensionLockStopAndResetEndThemToo() {
            withActiveToken();
            long epoch = fx.state().sessionEpoch();
            fx.given(new TokenSuspended(TOKEN, SuspensionReason.LOST, "op"));
            assertThat(fx.state().sessionEpoch()).isEqualTo(++epoch);
            fx.given(new ContractLocked(LockReason.PASSWORD_FAILURES));
            assertThat(fx.state().sessionEpoch()).isEqualTo(++epoch);
            fx.given(new TokenReset(TOKEN, "op", "r"));
            assertThat(fx.state().sessionEpoch()).isEqualTo(++epoch);
            withActiveToken().given(new TokenStopped(TOKEN));
            assertThat(fx.state().sessionEpoch()).isGreaterThan(0);
            // Everyday facts leave sessions alone.
            long now = fx.state().sessionEpoch();
            fx.given(new LoginOtpSettingChanged(false), new PasswordAccepted(TicketKind.LOGIN_CHALLENGE));
            assertThat(fx.state().sessionEpoch()).isEqualTo(now);
        }
    }

    @Nested
    class SessionRenewals {
        private final long at = LATER.getEpochSecond();

        private ContractCommand inSession(long epoch, long presentedLastUse, long renewedAt, ContractCommand command) {
            return new ContractCommand.InSession(new SessionUse("s1", epoch, presentedLastUse, renewedAt), command);
        }

        private ContractCommand transferLimit(String code) {
            return new ChangeTransferLimit(new Money("300000", "JPY"), code);
        }

        @Test
        void aCallInASessionRecordsItsRenewalAndThePreRenewalTokenIsRefusedAfterwards() {
            withActiveToken();
            long epoch = fx.state().sessionEpoch();
            fx.when(inSession(epoch, at - 60, at, transferLimit(token.codeAt(LATER))), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.LIMIT_CHANGE, LATER_STEP, 0, Optional.empty(), LATER),
                            new TransferLimitChanged(new Money("300000", "JPY")), new ContractEvent.SessionRenewed("s1", at));
            Instant next = LATER.plusSeconds(30);
            fx.when(inSession(epoch, at - 60, next.getEpochSecond(), transferLimit(token.codeAt(next))), next)
                    .thenRejected(ErrorCode.E1007).thenEvents();
            fx.when(inSession(epoch, at, next.getEpochSecond(), transferLimit(token.codeAt(next))), next) // the renewed token
                    .thenSucceeded(ResultCode.OK);
        }

        @Test
        void anotherSessionOfTheContractIsNotTouchedByARenewal() {
            withActiveToken();
            long epoch = fx.state().sessionEpoch();
            fx.when(inSession(epoch, at - 60, at, transferLimit(token.codeAt(LATER))), LATER).thenSucceeded(ResultCode.OK);
            Instant next = LATER.plusSeconds(30);
            fx.when(new ContractCommand.InSession(new SessionUse("s2", epoch, at - 120, next.getEpochSecond()),
                    transferLimit(token.codeAt(next))), next).thenSucceeded(ResultCode.OK);
        }

        @Test
        void aWrongCodeStillRenewsTheSessionTheAnswerHandsBack() {
            withActiveToken();
            long epoch = fx.state().sessionEpoch();
            fx.when(inSession(epoch, at - 60, at, transferLimit(wrong(token.codeAt(LATER)))), LATER)
                    .thenRejected(ErrorCode.E1002)
                    .thenEvents(new OtpRejected(TOKEN, Purpose.LIMIT_CHANGE, 1), new ContractEvent.SessionRenewed("s1", at));
        }

        @Test
        void aSessionOfAnEndedEpochIsRefusedBeforeTheCodeIsLookedAt() {
            withActiveToken();
            long ended = fx.state().sessionEpoch();
            fx.given(new ContractEvent.SessionsEnded("LOGOUT"));
            OptionalLong spent = fx.state().token().orElseThrow().lastAcceptedStep();
            fx.when(inSession(ended, at, at, transferLimit(token.codeAt(LATER))), LATER).thenRejected(ErrorCode.E1007).thenEvents();
            assertThat(fx.state().token().orElseThrow().lastAcceptedStep()).as("the code was not spent").isEqualTo(spent);
        }

        @Test
        void aDecisionThatEndsTheSessionsRecordsNoRenewal() {
            withActiveToken();
            String bad = wrong(token.codeAt(LATER));
            for (int i = 0; i < 4; i++) {
                fx.given(new OtpRejected(TOKEN, Purpose.LOGIN, i + 1));
            }
            long epoch = fx.state().sessionEpoch();
            fx.when(inSession(epoch, at, at, transferLimit(bad)), LATER).thenRejected(ErrorCode.E1003)
                    .thenEvents(new OtpRejected(TOKEN, Purpose.LIMIT_CHANGE, 5), new ContractLocked(LockReason.OTP_FAILURES));
            assertThat(fx.state().sessions().renewals()).isEmpty();
        }

        @Test
        void anOwnerWhoseClockIsBehindRecordsNoRenewalAndTheTokenShownStaysValid() {
            withActiveToken();
            long epoch = fx.state().sessionEpoch();
            fx.when(inSession(epoch, at - 60, at, transferLimit(token.codeAt(LATER))), LATER).thenSucceeded(ResultCode.OK);
            Instant next = LATER.plusSeconds(30);
            // The token handed back says `at`; a new owner's clock says 10 s earlier.
            fx.when(inSession(epoch, at, at - 10, transferLimit(token.codeAt(next))), next).thenSucceeded(ResultCode.OK)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.LIMIT_CHANGE, P.stepAt(next), 0, Optional.empty(), next),
                            new TransferLimitChanged(new Money("300000", "JPY")));
            assertThat(fx.state().sessions().isLatest("s1", at)).isTrue();
        }

        @Test
        void renewalsOlderThanASessionLivesAreForgotten() {
            Sessions sessions = Sessions.FIRST.renewed("old", at).renewed("new", at + Sessions.REMEMBERED_SECONDS + 1);
            assertThat(sessions.renewals()).containsOnlyKeys("new");
        }
    }

    @Nested
    class DailyTransferLimit {
        private final LocalDate day = LocalDate.parse("2026-11-22");

        private ContractCommand transfer(String amount, Instant at) {
            return new VerifyOtp(Purpose.TRANSFER, token.codeAt(at), Optional.of("hash-" + amount),
                    Optional.of(new Money(amount, "JPY")));
        }

        private void limit(String amount) {
            fx.given(new TransferLimitChanged(new Money(amount, "JPY")));
        }

        @Test
        void aTransferAboveWhatIsLeftIsRefusedWithTheAmountLeftAndItsCodeStaysUsable() {
            withActiveToken();
            limit("300000");
            fx.when(transfer("200000", LATER), LATER).thenSucceeded(ResultCode.OK)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.TRANSFER, LATER_STEP, 0, Optional.of("hash-200000"), LATER),
                            new ContractEvent.TransferAuthorized(new Money("200000", "JPY"), day));
            Instant next = LATER.plusSeconds(30);
            fx.when(transfer("100001", next), next).thenRejected(ErrorCode.E1015).thenEvents(new ContractEvent.TransferRefused(
                    new Money("100001", "JPY"), new Money("100000", "JPY"), day));
            assertThat(fx.state().otpFailures()).as("not a wrong code").isZero();
            fx.when(transfer("100000", next), next).thenSucceeded(ResultCode.OK); // exactly at the limit, with the same code
            Instant third = next.plusSeconds(30);
            fx.when(transfer("1", third), third).thenRejected(ErrorCode.E1015).thenEvents(new ContractEvent.TransferRefused(
                    new Money("1", "JPY"), new Money("0", "JPY"), day));
        }

        @Test
        void theBankDayStartsAtMidnightInJapan() {
            withActiveToken();
            limit("300000");
            Instant beforeMidnight = Instant.parse("2026-11-22T14:59:30Z"); // 23:59:30 JST
            Instant afterMidnight = Instant.parse("2026-11-22T15:00:00Z");  // 00:00:00 JST, the 23rd
            fx.when(transfer("300000", beforeMidnight), beforeMidnight).thenSucceeded(ResultCode.OK);
            fx.when(transfer("300000", afterMidnight), afterMidnight).thenSucceeded(ResultCode.OK)
                    .thenEvents(new OtpVerified(TOKEN, Purpose.TRANSFER, P.stepAt(afterMidnight), 0, Optional.of("hash-300000"),
                                    afterMidnight),
                            new ContractEvent.TransferAuthorized(new Money("300000", "JPY"), day.plusDays(1)));
            assertThat(fx.state().transfers().authorizedOn(day.plusDays(1))).isEqualByComparingTo("300000");
        }

        @Test
        void aCommandStampedJustBeforeMidnightDecidedAfterTheNewDayStartedCountsInTheNewDay() {
            withActiveToken();
            limit("300000");
            Instant afterMidnight = Instant.parse("2026-11-22T15:00:30Z");
            Instant late = Instant.parse("2026-11-22T14:59:59Z"); // an instance whose clock is behind
            fx.when(transfer("200000", afterMidnight), afterMidnight).thenSucceeded(ResultCode.OK);
            fx.when(transfer("200000", late), late).thenRejected(ErrorCode.E1015).thenEvents(new ContractEvent.TransferRefused(
                    new Money("200000", "JPY"), new Money("100000", "JPY"), day.plusDays(1)));
        }

        @Test
        void transfersBeforeALimitWasSetCountOnceItIs() {
            withActiveToken();
            fx.when(transfer("200000", LATER), LATER).thenSucceeded(ResultCode.OK);
            limit("250000");
            Instant next = LATER.plusSeconds(30);
            fx.when(transfer("60000", next), next).thenRejected(ErrorCode.E1015).thenEvents(new ContractEvent.TransferRefused(
                    new Money("60000", "JPY"), new Money("50000", "JPY"), day));
            limit("1000000");
            fx.when(transfer("60000", next), next).thenSucceeded(ResultCode.OK); // raised again
        }

        @Test
        void aLockedContractOrAnotherCurrencyIsNotALimitQuestion() {
            withActiveToken();
            limit("300000");
            fx.when(new VerifyOtp(Purpose.TRANSFER, token.codeAt(LATER), Optional.of("h"), Optional.of(new Money("10", "USD"))),
                    LATER).thenRejected(ErrorCode.E4000).thenEvents();
            fx.given(new ContractLocked(LockReason.OTP_FAILURES));
            fx.when(transfer("999999999", LATER), LATER).thenRejected(ErrorCode.E1003).thenEvents();
        }
    }

    @Nested
    class NoticeContacts {
        private final Sealed first =
                new Sealed("contact.C-1.k1", new byte[12], new byte[40]);
        private final Sealed second =
                new Sealed("contact.C-1.k2", new byte[12], new byte[41]);

        @Test
        void theFirstAddressRetiresNothing() {
            fx.given(opened());
            fx.when(new ContractCommand.SetContact(Optional.of(first), NoticeLanguage.EN, "sato"), LATER)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.ContactChanged(Optional.of(first), NoticeLanguage.EN, "sato", Optional.empty()));
            assertThat(fx.state().contact()).contains(new NoticeContact(first, NoticeLanguage.EN));
        }

        @Test
        void aNewAddressRetiresTheKeyOfTheOneItReplaces() {
            fx.given(opened(), new ContractEvent.ContactChanged(Optional.of(first), NoticeLanguage.JA, "sato", Optional.empty()));
            fx.when(new ContractCommand.SetContact(Optional.of(second), NoticeLanguage.JA, "suzuki"), LATER)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.ContactChanged(Optional.of(second), NoticeLanguage.JA, "suzuki",
                            Optional.of("contact.C-1.k1")));
        }

        @Test
        void aLanguageChangeUnderTheSameKeyRetiresNothing() {
            fx.given(opened(), new ContractEvent.ContactChanged(Optional.of(first), NoticeLanguage.JA, "sato", Optional.empty()));
            fx.when(new ContractCommand.SetContact(Optional.of(first), NoticeLanguage.EN, "sato"), LATER)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.ContactChanged(Optional.of(first), NoticeLanguage.EN, "sato", Optional.empty()));
        }

        @Test
        void erasingTheAddressRetiresItsKeyAndLeavesNoContact() {
            fx.given(opened(), new ContractEvent.ContactChanged(Optional.of(first), NoticeLanguage.JA, "sato", Optional.empty()));
            fx.when(new ContractCommand.SetContact(Optional.empty(), NoticeLanguage.JA, "sato"), LATER)
                    .thenSucceeded(ResultCode.OK)
                    .thenEvents(new ContractEvent.ContactChanged(Optional.empty(), NoticeLanguage.JA, "sato",
                            Optional.of("contact.C-1.k1")));
            assertThat(fx.state().contact()).isEmpty();
            fx.when(new ContractCommand.SetContact(Optional.empty(), NoticeLanguage.JA, "sato"), LATER)
                    .thenSucceeded(ResultCode.OK).thenEvents();
        }

        @Test
        void anUnknownContractHasNoContact() {
            fx.when(new ContractCommand.SetContact(Optional.of(first), NoticeLanguage.JA, "sato"), LATER)
                    .thenRejected(ErrorCode.E1004).thenEvents();
        }
    }
}
