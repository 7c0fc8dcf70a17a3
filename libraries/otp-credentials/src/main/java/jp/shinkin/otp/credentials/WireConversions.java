package jp.shinkin.otp.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.domain.otp.HmacAlgorithm;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.wire.Actor;
import jp.shinkin.otp.wire.ActorType;
import jp.shinkin.otp.wire.OtpAlgorithm;
import jp.shinkin.otp.wire.SealedBytes;
import jp.shinkin.otp.wire.TotpSpec;

/** The small conversions every mapper needs between wire records and domain values. */
public final class WireConversions {
    private WireConversions() {
    }

    public static Sealed sealed(SealedBytes bytes) {
        return new Sealed(bytes.getKeyId(), array(bytes.getNonce()), array(bytes.getCiphertext()));
    }

    public static SealedBytes sealedBytes(Sealed sealed) {
        return new SealedBytes(sealed.keyId(), ByteBuffer.wrap(sealed.nonce()), ByteBuffer.wrap(sealed.ciphertext()));
    }

    public static TotpParameters totp(TotpSpec spec) {
        return new TotpParameters(HmacAlgorithm.valueOf(spec.getAlgorithm().name()), spec.getDigits(), spec.getPeriodSeconds());
    }

    public static TotpSpec totpSpec(TotpParameters parameters) {
        return new TotpSpec(OtpAlgorithm.valueOf(parameters.algorithm().name()), parameters.digits(), parameters.periodSeconds());
    }

    public static Actor actor(Origin origin) {
        return new Actor(sameName(origin.kind(), ActorType.class), origin.id(),
                origin.name().orElse(null));
    }

    /** Same enum constant name on both sides (the schemas mirror the domain's enums). */
    public static <E extends Enum<E>> E sameName(Enum<?> value, Class<E> type) {
        return Enum.valueOf(type, value.name());
    }

    /** Deterministic: re-processing a command gives its events the same IDs. */
    public static String derivedId(String commandId, String role, int index) {
        return UUID.nameUUIDFromBytes((commandId + "/" + role + "/" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static byte[] array(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
