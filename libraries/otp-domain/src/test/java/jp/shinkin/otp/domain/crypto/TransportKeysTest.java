package jp.shinkin.otp.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import jp.shinkin.otp.domain.fixtures.MovableClock;
import org.junit.jupiter.api.Test;

class TransportKeysTest {
    private final SecureRandom random = new SecureRandom();
    private final byte[] master1 = key();
    private final byte[] master2 = key();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T09:00:10Z"));

    private byte[] key() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    private CodeSealer sealer(Map<String, byte[]> masters) {
        return new CodeSealer(new TransportKeys(masters, Duration.ofMinutes(1), clock), random);
    }

    @Test
    void eachPeriodSealsUnderItsOwnKeyAndEveryPeriodStaysReadable() {
        CodeSealer sealer = sealer(Map.of("t1", master1));
        Sealed first = sealer.seal("123456");
        clock.advance(Duration.ofMinutes(1));
        Sealed second = sealer.seal("654321");

        assertThat(first.keyId()).isEqualTo("t1@" + Instant.parse("2026-11-29T09:00:00Z").getEpochSecond());
        assertThat(second.keyId()).isEqualTo("t1@" + Instant.parse("2026-11-29T09:01:00Z").getEpochSecond());
        clock.advance(Duration.ofDays(400));
        assertThat(sealer.open(first)).isEqualTo("123456");
        assertThat(sealer.open(second)).isEqualTo("654321");
        assertThatThrownBy(() -> sealer.open(new Sealed(second.keyId(), first.nonce(), first.ciphertext())))
                .as("a code does not open under another period's key").isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void anotherInstanceWithTheSameMasterDerivesTheSameKeys() {
        Sealed sealed = sealer(Map.of("t1", master1)).seal("123456");
        clock.advance(Duration.ofHours(3));
        assertThat(sealer(Map.of("t1", master1.clone())).open(sealed)).isEqualTo("123456");
    }

    @Test
    void afterAMasterRotationCodesSealedUnderTheOldMasterStillOpen() {
        Sealed old = sealer(Map.of("t1", master1)).seal("123456");
        Map<String, byte[]> rotated = new LinkedHashMap<>();
        rotated.put("t2", master2);
        rotated.put("t1", master1);
        CodeSealer sealer = sealer(rotated);
        assertThat(sealer.seal("111111").keyId()).startsWith("t2@");
        assertThat(sealer.open(old)).isEqualTo("123456");
        assertThatThrownBy(() -> sealer(Map.of("t2", master2)).open(old))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("not loaded");
    }

    @Test
    void codesSealedUnderTheMasterItselfBeforePeriodKeysStillOpen() throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(master1, "AES"),
                new GCMParameterSpec(128, nonce));
        cipher.updateAAD("otp-submitted-code".getBytes(StandardCharsets.UTF_8));
        Sealed legacy = new Sealed("t1", nonce, cipher.doFinal("123456".getBytes(StandardCharsets.UTF_8)));
        assertThat(sealer(Map.of("t1", master1)).open(legacy)).isEqualTo("123456");
    }

    @Test
    void keyIdsNoMasterMakesAreRefusedWithoutAStackOfDetail() {
        Sealed sealed = sealer(Map.of("t1", master1)).seal("123456");
        CodeSealer sealer = sealer(Map.of("t1", master1));
        assertThatThrownBy(() -> sealer.open(new Sealed("t9@0", sealed.nonce(), sealed.ciphertext())))
                .isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> sealer.open(new Sealed("t1@soon", sealed.nonce(), sealed.ciphertext())))
                .isInstanceOf(SecretUnavailableException.class).hasMessage("malformed transport key ID");
    }

    @Test
    void fingerprintsDoNotChangeWithThePeriod() {
        CodeSealer sealer = sealer(Map.of("t1", master1));
        byte[] before = sealer.fingerprint("C-1|123456");
        clock.advance(Duration.ofMinutes(5));
        assertThat(sealer.fingerprint("C-1|123456")).isEqualTo(before);
        assertThat(sealer.fingerprint("C-1|123457")).isNotEqualTo(before);
    }

    @Test
    void periodsOutsideOneSecondToOneDayAreRefused() {
        assertThatThrownBy(() -> new TransportKeys(Map.of("t1", master1), Duration.ofDays(2), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportKeys(Map.of("t1", master1), Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

}
