package jp.shinkin.otp.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jp.shinkin.otp.domain.otp.HmacAlgorithm;
import org.junit.jupiter.api.Test;

class PskcDocumentTest {
    private final SecureRandom random = new SecureRandom();

    private byte[] secret() {
        byte[] s = new byte[20];
        random.nextBytes(s);
        return s;
    }

    @Test
    void readsPlainSecrets() {
        byte[] s1 = secret();
        byte[] s2 = secret();
        PskcDocument.Result r = PskcDocument.read(PskcFiles.utf8(PskcFiles.plain(List.of(
                PskcFiles.Entry.totp("VSMT00000001", s1), PskcFiles.Entry.totp("VSST00000002", s2)))), Optional.empty());
        assertThat(r.problems()).isEmpty();
        assertThat(r.keys()).extracting(k -> k.tokenId().value()).containsExactly("VSMT00000001", "VSST00000002");
        assertThat(r.keys().get(0).seed()).isEqualTo(s1);
        assertThat(r.keys().get(1).parameters().algorithm()).isEqualTo(HmacAlgorithm.SHA1);
        assertThat(r.keys().get(1).parameters().periodSeconds()).isEqualTo(30);
    }

    @Test
    void decryptsWithThePreSharedKeyAfterCheckingTheMac() throws Exception {
        byte[] psk = new byte[16];
        random.nextBytes(psk);
        byte[] s1 = secret();
        String file = PskcFiles.encrypted(List.of(PskcFiles.Entry.totp("VSMT00000003", s1)), psk);
        PskcDocument.Result r = PskcDocument.read(PskcFiles.utf8(file), Optional.of(psk));
        assertThat(r.problems()).isEmpty();
        assertThat(r.keys().get(0).seed()).isEqualTo(s1);

        byte[] wrongKey = new byte[16];
        random.nextBytes(wrongKey);
        assertThat(PskcDocument.read(PskcFiles.utf8(file), Optional.of(wrongKey)).problems()).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("ValueMAC does not match").contains("pre-shared key is wrong"));
        assertThat(PskcDocument.read(PskcFiles.utf8(file), Optional.empty()).problems()).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("no pre-shared key"));
    }

    @Test
    void listsEveryBadEntryWithoutItsSecret() {
        byte[] s = secret();
        PskcDocument.Result r = PskcDocument.read(PskcFiles.utf8(PskcFiles.plain(List.of(
                PskcFiles.Entry.totp("VSMT00000004", s),
                PskcFiles.Entry.totp("not-a-token", s),
                new PskcFiles.Entry("VSMT00000005", s, 8, "urn:ietf:params:xml:ns:keyprov:pskc:totp"),
                new PskcFiles.Entry("VSMT00000006", s, 6, "urn:ietf:params:xml:ns:keyprov:pskc:hotp"),
                PskcFiles.Entry.totp("VSMT00000007", new byte[4])))), Optional.empty());
        assertThat(r.keys()).hasSize(1);
        assertThat(r.problems()).extracting(PskcDocument.EntryProblem::entry).containsExactly(2, 3, 4, 5);
        assertThat(r.problems()).extracting(PskcDocument.EntryProblem::problem).allSatisfy(p ->
                assertThat(p).doesNotContain(Base64.getEncoder().encodeToString(s)));
    }

    @Test
    void refusesDtdsAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<KeyContainer xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">&e;</KeyContainer>";
        assertThatThrownBy(() -> PskcDocument.read(PskcFiles.utf8(xxe), Optional.empty()))
                .isInstanceOf(PskcDocument.InvalidPskc.class).hasMessageContaining("without a DTD");
        assertThatThrownBy(() -> PskcDocument.read(PskcFiles.utf8("<KeyContainer/>"), Optional.empty()))
                .hasMessageContaining("not a PSKC KeyContainer");
        assertThatThrownBy(() -> PskcDocument.read(PskcFiles.utf8("not xml"), Optional.empty()))
                .isInstanceOf(PskcDocument.InvalidPskc.class);
    }
}
