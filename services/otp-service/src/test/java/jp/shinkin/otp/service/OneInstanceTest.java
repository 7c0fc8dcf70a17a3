package jp.shinkin.otp.service;

import java.time.Duration;
import jp.shinkin.otp.testkit.PlatformTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A test class against one healthy service instance on its own slice of the platform, shared by its tests. */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneInstanceTest {
    static final Duration STEP = Duration.ofSeconds(30);
    TestPlatform slice;
    ServiceInstance service;
    Banking bank;

    @BeforeAll
    void start() {
        slice = new TestPlatform();
        service = new ServiceInstance(slice.instance(), slice.clock);
        service.awaitHealthy();
        bank = new Banking(service, slice);
    }

    @AfterAll
    void stop() {
        service.close();
        slice.close();
    }
}
