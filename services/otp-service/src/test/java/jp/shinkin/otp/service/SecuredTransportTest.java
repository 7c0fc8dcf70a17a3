package jp.shinkin.otp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import jp.shinkin.otp.messaging.Topic;
import jp.shinkin.otp.messaging.Topics;
import jp.shinkin.otp.platform.local.KraftBroker;
import jp.shinkin.otp.platform.local.Ports;
import jp.shinkin.otp.platform.local.TopicProvisioner;
import jp.shinkin.otp.service.routing.ContractRouter;
import jp.shinkin.otp.testkit.PlatformTest;
import jp.shinkin.otp.testkit.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/**
 * The production transport, run: a KRaft broker whose only client listener is TLS with
 * SASL/SCRAM-SHA-512, and two instances served over HTTPS that forward to each other's contracts
 * over mutual TLS (a client certificate from the cluster's CA required on forwarded requests).
 * Every flow works against it, on a contract each instance owns; a wrong SCRAM password, a
 * forwarded request without the client certificate, or with one from another CA, are refused.
 */
@PlatformTest
class SecuredTransportTest {
    private static final String PASSWORD = "Secure-Pass-1";
    private static final String USER = "otp-service";

    @Test
    void theWholeFlowRunsOverSaslScramTlsAndMutualTlsBetweenInstances() throws Exception {
        TestCertificates pki = TestCertificates.create();
        Path brokerStore = pki.signed("broker");
        Path instanceStore = pki.signed("instance");
        Path strangerStore = pki.stranger("stranger");
        String scramPassword = UUID.randomUUID().toString();
        Path dir = Files.createTempDirectory("otp-secured-broker");
        int kafkaPort = Ports.anyFree();
        try (KraftBroker broker = new KraftBroker(dir, kafkaPort, Ports.anyFree(), Optional.of(new KraftBroker.SaslSsl(
                brokerStore, pki.password(), Map.of(USER, scramPassword), Ports.anyFree()))).start();
             TestPlatform slice = new TestPlatform()) {
            Map<String, String> client = kafkaClient(pki, USER, scramPassword);
            try (Admin admin = Admin.create(withBootstrap(client, broker))) {
                List<Topic<?, ?>> topics = Topics.ALL.stream().<Topic<?, ?>>map(t -> t.withPrefix(slice.prefix)).toList();
                TopicProvisioner.ensure(admin, topics, (short) 1);
            }
            try (Admin intruder = Admin.create(withBootstrap(kafkaClient(pki, USER, "not-the-password"), broker))) {
                assertThatThrownBy(() -> intruder.describeCluster().nodes().get())
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }

            var tls = pki.clientContext(null);
            try (ServiceInstance a = new ServiceInstance(instance(slice, pki, instanceStore, client, broker), slice.clock, tls);
                 ServiceInstance b = new ServiceInstance(instance(slice, pki, instanceStore, client, broker), slice.clock, tls)) {
                for (ServiceInstance s : List.of(a, b)) {
                    await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                            .until(() -> s.http().get("/health", null).statusCode() == 200);
                }
                assertThat(a.uri().getScheme()).isEqualTo("https");
                Banking bank = new Banking(a, slice);
                // After both have joined, the partitions are spread over both (a rebalance may still be running).
                String ownedByB = await().atMost(Duration.ofSeconds(60)).until(() -> ownedBy(a, b, true), Objects::nonNull);
                String ownedByA = await().atMost(Duration.ofSeconds(60)).until(() -> ownedBy(a, b, false), Objects::nonNull);
                for (String contractId : List.of(ownedByB, ownedByA)) {
                    // Every step asked of instance A: the contract owned by B is forwarded over mutual TLS.
                    Banking.Token token = bank.registered(contractId, PASSWORD);
                    String session = bank.session(contractId, PASSWORD, token);
                    slice.clock.advance(Duration.ofSeconds(30));
                    Banking.Answer transfer = bank.transfer(session, "001-1234567", "002-7654321", "50000", bank.code(token));
                    assertThat(transfer.code()).as(contractId).isEqualTo("00000");
                    slice.clock.advance(Duration.ofSeconds(30));
                    Banking.Answer stop = bank.startStop(contractId, PASSWORD);
                    assertThat(bank.completeStop(stop.get("stopId"), bank.code(token)).code()).isEqualTo("00002");
                }

                // A forwarded request must show the cluster's client certificate.
                URI bHealth = b.uri().resolve("/v1/verifications");
                HttpRequest forged = HttpRequest.newBuilder(bHealth).header("Authorization", "Bearer " + HttpCalls.CHANNEL_KEY)
                        .header("Content-Type", "application/json").header("X-Otp-Forwarded", "v1.0.forged")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"contractId\":\"" + ownedByB + "\",\"otp\":\"123456\",\"purpose\":\"LOGIN\"}"))
                        .build();
                HttpResponse<String> withoutCertificate = HttpClient.newBuilder().sslContext(tls).build()
                        .send(forged, HttpResponse.BodyHandlers.ofString());
                assertThat(withoutCertificate.statusCode()).isEqualTo(403);
                assertThat(withoutCertificate.body()).contains("E4030").contains("client certificate");
                // Client authentication is "want" (customers show no certificate): another CA's certificate
                // is not verified, so it counts as none.
                HttpResponse<String> otherCa = HttpClient.newBuilder().sslContext(pki.clientContext(strangerStore)).build()
                        .send(forged, HttpResponse.BodyHandlers.ofString());
                assertThat(otherCa.statusCode()).isEqualTo(403);
                assertThat(otherCa.body()).contains("E4030");
            }
        }
    }

    /** A contract ID whose owner is instance B (or A), as A's router sees it; null while none is. */
    private static String ownedBy(ServiceInstance a, ServiceInstance b, boolean byB) {
        ContractRouter router = a.context.getBean(ContractRouter.class);
        String bOwner = "localhost:" + b.uri().getPort();
        for (int i = 0; i < 1000; i++) {
            String id = "ST-" + (byB ? "B" : "A") + i;
            Optional<String> owner = router.owner(id);
            if (owner.isPresent() && owner.get().equals(bOwner) == byB) {
                return id;
            }
        }
        return null;
    }

    private static Map<String, String> kafkaClient(TestCertificates pki, String user, String password) {
        Map<String, String> c = new HashMap<>();
        c.put("security.protocol", "SASL_SSL");
        c.put("sasl.mechanism", "SCRAM-SHA-512");
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";");
        c.put("ssl.truststore.location", pki.trustStore().toString());
        c.put("ssl.truststore.password", pki.password());
        c.put("ssl.truststore.type", "PKCS12");
        return c;
    }

    private static Map<String, Object> withBootstrap(Map<String, String> client, KraftBroker broker) {
        Map<String, Object> config = new HashMap<>(client);
        config.put("bootstrap.servers", broker.bootstrapServers());
        return config;
    }

    private static Map<String, Object> instance(TestPlatform slice, TestCertificates pki, Path keyStore, Map<String, String> client,
                                                KraftBroker broker) {
        Map<String, Object> p = slice.instanceWithCheapPasswords();
        int port = Ports.anyFree();
        p.put("kafka.bootstrap.servers", broker.bootstrapServers());
        client.forEach((k, v) -> p.put("otp.messaging.client." + k, v));
        p.put("micronaut.server.ssl.enabled", true);
        p.put("micronaut.server.ssl.port", port);
        p.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
        p.put("micronaut.server.ssl.key-store.password", pki.password());
        p.put("micronaut.server.ssl.key-store.type", "PKCS12");
        p.put("micronaut.server.ssl.trust-store.path", "file:" + pki.trustStore());
        p.put("micronaut.server.ssl.trust-store.password", pki.password());
        p.put("micronaut.server.ssl.trust-store.type", "PKCS12");
        p.put("micronaut.server.ssl.client-authentication", "want");
        p.put("otp.credentials.advertised-url", "https://localhost:" + port);
        p.put("otp.cluster.tls.key-store", keyStore.toString());
        p.put("otp.cluster.tls.key-store-password", pki.password());
        p.put("otp.cluster.tls.trust-store", pki.trustStore().toString());
        p.put("otp.cluster.tls.trust-store-password", pki.password());
        p.put("otp.cluster.require-peer-certificate", "true");
        return p;
    }
}
