package jp.shinkin.otp.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test that needs the real broker and registry. With
 * {@code -Dkafka.fixture=testcontainers} and no Docker engine, such tests are skipped, not failed.
 */
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
@ExtendWith(KafkaPlatformExtension.class)
public @interface PlatformTest {
}
