package jp.shinkin.otp.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.ApprovalAction;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.Money;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import jp.shinkin.otp.domain.contract.Purpose;
import jp.shinkin.otp.domain.contract.SuspensionReason;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.fixtures.PasswordHashFixtures;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;
import jp.shinkin.otp.wire.CommandMetadata;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.TokenIssued;
import jp.shinkin.otp.wire.TokenPlatform;
import jp.shinkin.otp.wire.command.SuspendTokenCommand;
import jp.shinkin.otp.wire.command.VerifyOtpCommand;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** What the edge writes, the single writer reads back as the same command; codes never travel in clear. */
class CommandWriterTest {
    private static final Instant AT = Instant.parse("2026-11-29T03:00:00Z");
    private static final TokenId TOKEN = new TokenId("SKMT00000001");
    private static final Sealed SEED = new Sealed("SKMT00000001", new byte[12], new byte[36]);

    private final CodeSealer codes = new CodeSealer("transport-test", new byte[32], new SecureRandom());
    private final CommandWriter writer = new CommandWriter(codes);
    private final TokenIssued issued = new TokenIssued(null, TOKEN.value(), TokenPlatform.MOBILE,
            WireConversions.sealedBytes(SEED), WireConversions.totpSpec(TotpParameters.DEFAULT));
    private final CommandReader reader = new CommandReader(codes,
            tokenId -> tokenId.equals(TOKEN.value()) ? Optional.of(issued) : Optional.empty());

    static List<ContractCommand> everyEdgeCommand() {
        return List.of(
                new ContractCommand.OpenContract(PasswordHashFixtures.PHC),
                new ContractCommand.StartLogin("c1", true),
                new ContractCommand.AnswerLoginChallenge("c1", "123456"),
                new ContractCommand.VerifyOtp(Purpose.TRANSFER, "654321", Optional.of("ab".repeat(32))),
                new ContractCommand.VerifyOtp(Purpose.LOGIN, "654321", Optional.empty()),
                new ContractCommand.StartRegistration("r1", false),
                new ContractCommand.ConfirmCurrentToken("r1", "111111"),
                new ContractCommand.StartStop("s1", true),
                new ContractCommand.CompleteStop("s1", "222222"),
                new ContractCommand.SetLoginOtpRequired(false, Optional.of("333333")),
                new ContractCommand.SetLoginOtpRequired(true, Optional.empty()),
                new ContractCommand.ChangeTransferLimit(new Money("300000", "JPY"), "444444"),
                new ContractCommand.RequestApproval("a-1", ApprovalAction.TOKEN_RESET, "op-1", "Op One", "broken phone", 3600),
                new ContractCommand.DecideApproval("a-1", true, "op-5", "Op Five", "checked"),
                new ContractCommand.EndSessions(),
                new ContractCommand.SetContact(Optional.of(new Sealed("contact.C-1.k1", new byte[12],
                        new byte[30])), NoticeLanguage.EN, "op-6"),
                new ContractCommand.SetContact(Optional.empty(), NoticeLanguage.JA, "op-6"),
                new ContractCommand.SuspendToken(SuspensionReason.STOLEN, "op-2"),
                new ContractCommand.Resynchronise("555555", "666666", "op-4"));
    }

    @Test
    void everyCommandTheEdgeSubmitsIsReadBackAsItself() {
        for (ContractCommand command : everyEdgeCommand()) {
            ReadCommand read = reader.read(writer.write(Submission.of("C-1", command, Origin.operator("op-subject", "Op Name")), "cmd-1", AT));
            assertThat(read.command()).as(command.getClass().getSimpleName()).contains(command);
            assertThat(read.contractId()).isEqualTo("C-1");
        }
    }

    @Test
    void aRegistrationIsCompletedWithTheIssuersSeedWhereItIsRead() {
        ContractCommand asked = ContractCommand.CompleteRegistration.asked("r1", TOKEN, "777777");
        ReadCommand read = reader.read(writer.write(Submission.of("C-1", asked, Origin.channel("bank")), "cmd-2", AT));
        assertThat(read.command()).contains(new ContractCommand.CompleteRegistration("r1", TOKEN, SEED, TotpParameters.DEFAULT,
                "777777"));
    }

    @Test
    void metadataNamesTheOriginTheKeyAndTheTime() {
        SpecificRecord written = writer.write(Submission.of("C-1", new ContractCommand.VerifyOtp(Purpose.LOGIN, "123456",
                        Optional.empty()), Origin.channel("verification-api")).withIdempotencyKey("k-1")
                .withContext(new ChannelContext("192.0.2.1", "dev", "ua")), "cmd-3", AT);
        VerifyOtpCommand verify = (VerifyOtpCommand) written;
        CommandMetadata meta = verify.getMetadata();
        assertThat(meta.getCommandId()).isEqualTo("cmd-3");
        assertThat(meta.getCorrelationId()).isEqualTo("cmd-3");
        assertThat(meta.getIssuedAt()).isEqualTo(AT);
        assertThat(meta.getIdempotencyKey()).isEqualTo("k-1");
        assertThat(meta.getActor().getType().name()).isEqualTo("CHANNEL");
        assertThat(meta.getActor().getId()).isEqualTo("verification-api");
        assertThat(verify.getContext().getClientIp()).isEqualTo("192.0.2.1");
        SealedBytes otp = verify.getOtp();
        assertThat(new String(otp.getCiphertext().array(), StandardCharsets.ISO_8859_1)).doesNotContain("123456");
    }

    @Test
    void anOperatorIsWrittenAsSubjectAndDisplayName() {
        SpecificRecord written = writer.write(Submission.of("C-1", new ContractCommand.SuspendToken(SuspensionReason.LOST, "f3a1-sub"),
                Origin.operator("f3a1-sub", "Hanako Sato")), "cmd-5", AT);
        CommandMetadata meta = ((SuspendTokenCommand) written).getMetadata();
        assertThat(meta.getActor().getType().name()).isEqualTo("OPERATOR");
        assertThat(meta.getActor().getId()).isEqualTo("f3a1-sub");
        assertThat(meta.getActor().getName()).isEqualTo("Hanako Sato");
    }

    @Test
    void aResetOrUnlockIsNeverWrittenWithoutAnApproval() {
        for (ContractCommand direct : List.of(new ContractCommand.ResetToken("op", "r"), new ContractCommand.Unlock("op", "r"))) {
            assertThatThrownBy(() -> writer.write(Submission.of("C-1", direct, Origin.operator("op", "Op")), "cmd-6", AT))
                    .as(direct.toString()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theTokenClaimAnswerIsNotTheEdgesToWrite() {
        assertThatThrownBy(() -> writer.write(Submission.of("C-1", new ContractCommand.ResolveTokenClaim("r1", TOKEN, true),
                Origin.channel("bank")), "cmd-4", AT)).isInstanceOf(IllegalArgumentException.class);
    }
}
