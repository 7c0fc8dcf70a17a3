package jp.shinkin.otp.platform.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where things listen and live. Each setting is a flag ({@code --http-port=8081}) or an
 * environment variable ({@code OTP_HTTP_PORT}); flags win.
 */
record LauncherSettings(Path home, Path dataDir, int httpPort, int kafkaPort, int controllerPort, int registryPort,
                        boolean identity, int identityPort, int smtpPort, int imapPort, int brokers,
                        Duration brokerRestartDelay) {

    static LauncherSettings from(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(usage());
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new UsageException("unknown argument '" + arg + "'\n" + usage());
            }
            flags.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path home = Path.of(setting(flags, env, "home", "OTP_HOME", System.getProperty("user.dir")));
        String data = setting(flags, env, "data-dir", "OTP_DATA_DIR", "data");
        Path dataDir = Path.of(data).isAbsolute() ? Path.of(data) : home.resolve(data);
        LauncherSettings settings = new LauncherSettings(home.toAbsolutePath().normalize(), dataDir.normalize(),
                port(flags, env, "http-port", "OTP_HTTP_PORT", 8080),
                port(flags, env, "kafka-port", "OTP_KAFKA_PORT", 9092),
                port(flags, env, "kafka-controller-port", "OTP_KAFKA_CONTROLLER_PORT", 9093),
                port(flags, env, "registry-port", "OTP_REGISTRY_PORT", 8081),
                identity(setting(flags, env, "identity", "OTP_IDENTITY", "keycloak")),
                port(flags, env, "identity-port", "OTP_IDENTITY_PORT", 8180),
                port(flags, env, "smtp-port", "OTP_DEV_SMTP_PORT", 3025),
                port(flags, env, "imap-port", "OTP_DEV_IMAP_PORT", 3143),
                brokers(setting(flags, env, "brokers", "OTP_KAFKA_BROKERS", "1")),
                seconds(flags, env, "broker-restart-delay", "OTP_KAFKA_RESTART_DELAY", 5));
        for (int first : new int[] {settings.kafkaPort(), settings.controllerPort()}) {
            if (KraftCluster.port(first, settings.brokers()) > 65535) {
                throw new UsageException("--kafka-port and --kafka-controller-port must leave room for " + settings.brokers()
                        + " nodes two ports apart (at most 65531 with --brokers=3), was " + first);
            }
        }
        for (String known : new String[] {"home", "data-dir", "http-port", "kafka-port", "kafka-controller-port", "registry-port",
            "identity", "identity-port", "smtp-port", "imap-port", "brokers", "broker-restart-delay"}) {
            flags.remove(known);
        }
        if (!flags.isEmpty()) {
            throw new UsageException("unknown option --" + flags.keySet().iterator().next() + "\n" + usage());
        }
        return settings;
    }

    static String usage() {
        return """
                usage: infra/run [--data-dir=DIR] [--http-port=N] [--kafka-port=N] [--kafka-controller-port=N] [--registry-port=N]
                                 [--identity=keycloak|off] [--identity-port=N] [--smtp-port=N] [--imap-port=N] [--brokers=1|3]
                                 [--broker-restart-delay=SECONDS]
                  or the environment: OTP_DATA_DIR (./data), OTP_HTTP_PORT (8080), OTP_KAFKA_PORT (9092),
                  OTP_KAFKA_CONTROLLER_PORT (9093), OTP_REGISTRY_PORT (8081), OTP_IDENTITY (keycloak), OTP_IDENTITY_PORT (8180),
                  OTP_DEV_SMTP_PORT (3025), OTP_DEV_IMAP_PORT (3143): the development mail server of the customer notices,
                  OTP_KAFKA_BROKERS (1), OTP_KAFKA_RESTART_DELAY (5)
                  --identity=off starts no staff identity provider (operators then cannot sign in).
                  --brokers=3 starts a three-node Kafka cluster (every topic replicated 3 times, min.insync.replicas 2);
                    node N listens on the Kafka port + 2(N-1) and the controller port + 2(N-1): 9092/9093, 9094/9095, 9096/9097.
                    A node that dies is started again after --broker-restart-delay=SECONDS (5).
                    A data folder holds one kind: one broker or three.""";
    }

    private static String setting(Map<String, String> flags, Map<String, String> env, String flag, String var, String dflt) {
        String value = flags.get(flag);
        if (value == null) {
            value = env.get(var);
        }
        return value == null || value.isBlank() ? dflt : value;
    }

    private static boolean identity(String value) {
        return switch (value) {
            case "keycloak" -> true;
            case "off" -> false;
            default -> throw new UsageException("--identity / OTP_IDENTITY must be keycloak or off, was '" + value + "'");
        };
    }

    private static int brokers(String value) {
        return switch (value) {
            case "1" -> 1;
            case "3" -> KraftCluster.SIZE;
            default -> throw new UsageException("--brokers / OTP_KAFKA_BROKERS must be 1 or 3, was '" + value + "'");
        };
    }

    private static Duration seconds(Map<String, String> flags, Map<String, String> env, String flag, String var,
                                              int dflt) {
        String value = setting(flags, env, flag, var, Integer.toString(dflt));
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0 || seconds > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + " / " + var + " must be a number of seconds (0-3600), was '" + value + "'");
        }
    }

    private static int port(Map<String, String> flags, Map<String, String> env, String flag, String var, int dflt) {
        String value = setting(flags, env, flag, var, Integer.toString(dflt));
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + " / " + var + " must be a port number (1-65535), was '" + value + "'");
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
