package jp.shinkin.otp.platform.local;

import java.nio.file.Path;

/** A platform service the launcher runs as its own JVM. */
record ServiceSpec(String name, Path jar, int port, String healthPath) {
}
