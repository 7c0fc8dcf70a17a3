package jp.shinkin.otp.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the build instead: the
 * same Kafka and registry versions, a 3-broker KRaft cluster, every runnable service module as
 * its own container with its port and settings, and exactly the catalogue's topics.
 */
class DockerComposeIT {
    private static final Path HOME = LaunchedPlatform.HOME;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(HOME.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).as("compose services").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.get("environment");
    }

    @Test
    void threeKraftBrokersOnTheBuildsKafkaVersion() throws IOException {
        String image = "apache/kafka:" + System.getProperty("kafka.version");
        Set<String> nodeIds = new HashSet<>();
        for (String name : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> broker = service(name);
            Map<String, String> env = environment(broker);
            assertThat(broker.get("image")).isEqualTo(image);
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).hasSize(3);
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains(name + ":9092");
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("2");
            nodeIds.add(env.get("KAFKA_NODE_ID"));
        }
        assertThat(nodeIds).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void theRegistryIsApicurioOnKafkasqlAtTheBuildsVersion() throws IOException {
        Map<String, Object> registry = service("registry");
        assertThat(registry.get("image")).isEqualTo("apicurio/apicurio-registry:" + System.getProperty("apicurio.registry.version"));
        assertThat(environment(registry)).containsEntry("APICURIO_STORAGE_KIND", "kafkasql");
        assertThat(environment(registry).get("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS")).contains("kafka-1:9092");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakAtTheBuildsVersionImportsTheStaffRealmAndTheServiceTrustsIt() throws IOException {
        Map<String, Object> keycloak = service("keycloak");
        assertThat(keycloak.get("image")).isEqualTo("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version"));
        assertThat((List<String>) keycloak.get("command")).contains("start-dev", "--import-realm");
        assertThat((List<String>) keycloak.get("volumes")).anyMatch(v -> v.startsWith("./infra/identity/shinkin-staff-realm.json:"));
        assertThat(HOME.resolve("infra/identity/shinkin-staff-realm.json")).exists();
        assertThat(environment(keycloak).get("KC_BOOTSTRAP_ADMIN_PASSWORD")).as("no default password in the file").contains(":?");
        Map<String, String> env = environment(service("otp-service"));
        assertThat(env.get("OTP_STAFF_ISSUER")).isEqualTo("http://localhost:8180/realms/shinkin-staff");
        assertThat(env.get("OTP_STAFF_JWKS_URI")).startsWith("http://keycloak:8080/realms/shinkin-staff/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNoticesGoToTheMailRelayAtTheBuildsGreenMailVersion() throws IOException {
        Map<String, Object> mail = service("mail");
        assertThat(mail.get("image")).isEqualTo("greenmail/standalone:" + System.getProperty("greenmail.version"));
        assertThat((List<String>) mail.get("ports")).allMatch(p -> p.startsWith("127.0.0.1:"));
        Map<String, String> env = environment(service("otp-service"));
        assertThat(env).containsEntry("OTP_NOTIFICATIONS_ENABLED", "true").containsEntry("OTP_SMTP_HOST", "mail")
                .containsEntry("OTP_SMTP_PORT", "3025");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheOperationsMetricsWithItsRulesAndGrafanaShowsTheDashboard() throws IOException {
        Map<String, Object> prometheus = service("prometheus");
        List<String> volumes = (List<String>) prometheus.get("volumes");
        assertThat(volumes).contains("./infra/monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./infra/monitoring/alerts.yml:/etc/prometheus/alerts.yml:ro");
        String config = Files.readString(HOME.resolve("infra/monitoring/prometheus.yml"));
        assertThat(config).contains("metrics_path: /v1/ops/metrics", "otp-service:8080", "/etc/prometheus/alerts.yml",
                "credentials_file: /etc/prometheus/operations-key");
        Map<String, Object> grafana = service("grafana");
        assertThat((List<String>) grafana.get("volumes")).anyMatch(v -> v.startsWith("./infra/monitoring/grafana/otp-platform.json:"));
        assertThat(environment(grafana).get("GF_SECURITY_ADMIN_PASSWORD")).as("no default password in the file").contains(":?");
        Map<String, Object> rules = new Yaml().load(Files.readString(HOME.resolve("infra/monitoring/alerts.yml")));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
        assertThat((List<Map<String, Object>>) groups.get(0).get("rules")).extracting(r -> r.get("alert")).contains(
                "OtpVerificationP99OverObjective", "OtpUnavailableAnswers", "OtpLockRateSpike", "OtpStreamsLagging");
        for (String file : new String[] {"infra/monitoring/grafana/otp-platform.json", "infra/monitoring/alerts.yml",
            "infra/monitoring/grafana/provisioning/datasources/prometheus.yml", "infra/monitoring/grafana/provisioning/dashboards/otp.yml"}) {
            assertThat(HOME.resolve(file)).exists();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRunnableServiceModuleIsAContainer() throws IOException {
        List<String> runnable;
        try (Stream<Path> modules = Files.list(HOME.resolve("services"))) {
            // A runnable module that serves HTTP is a service; a command-line tool (otp-softtoken) is not.
            runnable = modules.filter(m -> contains(m.resolve("pom.xml"), "<exec.mainClass>")
                            && contains(m.resolve("pom.xml"), "micronaut-http-server-netty"))
                    .map(m -> m.getFileName().toString()).sorted().toList();
        }
        assertThat(runnable).contains("otp-service");
        for (String name : runnable) {
            Map<String, Object> service = service(name);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            Path dockerfile = HOME.resolve((String) build.get("dockerfile"));
            assertThat(dockerfile).exists();
            assertThat(Files.readString(dockerfile)).contains("COPY services/" + name + "/target/" + name + ".jar");
            assertThat(contains(HOME.resolve("services").resolve(name).resolve("pom.xml"), "<finalName>" + name + "</finalName>"))
                    .as("the jar the Dockerfile copies is the one the build makes").isTrue();
            assertThat((List<String>) service.get("ports")).anyMatch(p -> p.endsWith(":8080"));
            Map<String, String> env = environment(service);
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).contains("kafka-1:9092", "kafka-2:9092", "kafka-3:9092");
            assertThat(env.get("OTP_REGISTRY_URL")).isEqualTo("http://registry:8080");
            assertThat(env.get("OTP_CHANNEL_API_KEY")).contains(":?");
            assertThat(env.get("OTP_OPERATIONS_API_KEY")).contains(":?");
            assertThat(env.get("OTP_KEK_BASE64")).as("no default key in the file").contains(":?");
            assertThat(env.get("OTP_TRANSPORT_KEY_BASE64")).as("no default key in the file").contains(":?");
            assertThat(env.get("OTP_SESSION_KEY_BASE64")).as("no default key in the file").contains(":?");
            assertThat(env.get("OTP_CLUSTER_KEY_BASE64")).as("no default key in the file").contains(":?");
            assertThat(env.get("OTP_ADVERTISED_URL")).isEqualTo("http://" + name + ":8080");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTopicsServiceCreatesExactlyTheCatalogue() throws IOException {
        String script = String.join("\n", (List<String>) service("topics").get("command"));
        long creates = script.lines().filter(l -> l.strip().startsWith("create --topic")).count();
        assertThat(creates).isEqualTo(Topics.ALL.size());
        for (Topic<?, ?> topic : Topics.ALL) {
            String line = script.lines().filter(l -> l.contains("--topic " + topic.name() + " ")).findFirst().orElseThrow(
                    () -> new AssertionError("compose creates no topic " + topic.name()));
            assertThat(line).contains("--partitions " + topic.spec().partitions());
            topic.spec().configs().forEach((key, value) -> {
                if (!key.equals("min.insync.replicas")) {
                    assertThat(line).as(topic.name()).contains("--config " + key + "=" + value);
                }
            });
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
