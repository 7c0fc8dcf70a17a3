package jp.shinkin.otp.service.credentials;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KeyEncryptionKey;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The beans the credential adapters share: keys, the wire serde, the command producer, the clock. */
@Factory
public class CredentialsFactory {
    /** The clock that stamps commands; tests register their own to move time without waiting. */
    @Singleton
    @io.micronaut.context.annotation.Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    KeyEncryptionKey keyEncryptionKey(CryptoConfiguration crypto) {
        return KeyEncryptionKey.fromBytes(crypto.getKekId(), decode(crypto.getKek(), "otp.crypto.kek"));
    }

    @Singleton
    CodeSealer codeSealer(CryptoConfiguration crypto) {
        return new CodeSealer(crypto.getTransportKeyId(), decode(crypto.getTransportKey(), "otp.crypto.transport-key"),
                new SecureRandom());
    }

    @Singleton
    AvroSerdes avroSerdes(MessagingConfiguration messaging) {
        return new AvroSerdes(RegistrySettings.forBaseUrl(messaging.getRegistryUrl()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    Serde<SpecificRecord> wireSerde(AvroSerdes serdes) {
        return serdes.valueSerde(Topics.EVENTS);
    }

    private static byte[] decode(String base64, String property) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length != 32) {
                throw new IllegalStateException(property + " must be 32 bytes, base64-encoded");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64", e);
        }
    }
}
