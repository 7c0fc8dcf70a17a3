package jp.shinkin.otp.service;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * When the local launcher started this service ({@code OTP_PARENT_PID}), exit if the launcher
 * dies without stopping us (kill -9), so no orphan keeps ports and state locked.
 */
final class ParentWatchdog {
    private ParentWatchdog() {
    }

    static void startIfLaunched() {
        String pid = System.getenv("OTP_PARENT_PID");
        if (pid == null || pid.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(parent -> {
            var timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "parent-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> {
                if (!parent.isAlive()) {
                    System.exit(3);
                }
            }, 1, 1, TimeUnit.SECONDS);
        });
    }
}
