package jp.shinkin.otp.service.passwords;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import jp.shinkin.otp.domain.password.Argon2Cost;
import jp.shinkin.otp.domain.password.Argon2idPasswordHasher;
import jp.shinkin.otp.domain.password.PasswordHasher;
import jp.shinkin.otp.domain.password.PhcPasswordHasher;

/** New passwords are hashed with Argon2id; imported bcrypt / PBKDF2 hashes are verified as they are. */
@Factory
public class PasswordsFactory {
    @Singleton
    PasswordHasher passwordHasher(@Value("${otp.passwords.argon2.memory-kib:19456}") int memoryKiB,
                                  @Value("${otp.passwords.argon2.iterations:2}") int iterations,
                                  @Value("${otp.passwords.argon2.parallelism:1}") int parallelism) {
        return new PhcPasswordHasher(new Argon2idPasswordHasher(new Argon2Cost(memoryKiB, iterations, parallelism),
                new SecureRandom()));
    }
}
