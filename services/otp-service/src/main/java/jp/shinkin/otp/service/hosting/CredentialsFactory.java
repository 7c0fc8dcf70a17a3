package jp.shinkin.otp.service.hosting;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import jp.shinkin.otp.domain.crypto.CodeSealer;
import jp.shinkin.otp.domain.crypto.KekRing;
import jp.shinkin.otp.domain.crypto.TransportKeys;
import jp.shinkin.otp.messaging.AvroSerdes;
import jp.shinkin.otp.messaging.RegistrySettings;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.service.keys.CryptoConfiguration;
import jp.shinkin.otp.service.messaging.MessagingConfiguration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The beans the credential adapters share: keys, the wire serde, the command producer, the clock. */
@Factory
public class CredentialsFactory {
    /** The clock that stamps commands; tests register their own to move time without waiting. */
    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    KekRing keyEncryptionKeys(CryptoConfiguration crypto) {
        return KekRing.of(crypto.keks());
    }

    @Singleton
    CodeSealer codeSealer(CryptoConfiguration crypto, Clock clock) {
        return new CodeSealer(new TransportKeys(crypto.transportMasters(), crypto.getTransportKeyPeriod(), clock),
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
}
