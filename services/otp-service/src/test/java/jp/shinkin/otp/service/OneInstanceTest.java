package jp.shinkin.otp.service;

import java.time.Duration;
import java.util.Map;
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
        service = new ServiceInstance(properties(slice), slice.clock);
        service.awaitHealthy();
        bank = new Banking(service, slice);
    }

    /** The instance's settings; a test class may change some. */
    Map<String, Object> properties(TestPlatform platform) {
        return platform.instance();
    }

    @AfterAll
    void stop() {
        service.close();
        slice.close();
    }
}
