package jp.shinkin.otp.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import jp.shinkin.otp.testkit.StaffIdentityProvider;

/** A plain JDK HTTP client against the service under test. */
final class HttpCalls {
    static final String CHANNEL_KEY = "test-channel-key-0001";
    /** The service key of the operations batch job (imports and reads; never a person's actions). */
    static final String OPERATIONS_KEY = "test-operations-key-0001";
    /** The subject and display name of the operator the tests sign in as. */
    static final String OPERATOR_SUBJECT = "0f6c1e52-test-operator";
    static final String OPERATOR_NAME = "Hanako Sato";

    /** How the service names a person in events: the token's name, then its username (the tests' provider uses the subject). */
    static String shown(String name, String subject) {
        return name + " (" + subject + ")";
    }

    /** The second person of maker-checker. */
    static final String APPROVER_SUBJECT = "5a2e9d10-test-approver";
    static final String APPROVER_NAME = "Yuki Takahashi";

    static String approverToken() {
        return staffToken(APPROVER_SUBJECT, APPROVER_NAME, "approver");
    }

    /** A fresh access token for the tests' operator from the test identity provider. */
    static String operatorToken() {
        return staffToken(OPERATOR_SUBJECT, OPERATOR_NAME, "operator");
    }

    /** An hour-long token (the hostile-input test holds one for its whole run). */
    static String staffToken(String subject, String name, String... roles) {
        var idp = StaffIdentityProvider.shared();
        return idp.token(StaffIdentityProvider.STAFF, subject, name,
                StaffIdentityProvider.AUDIENCE, 3600, roles);
    }

    private final HttpClient client;
    private final URI base;

    HttpCalls(URI base) {
        this(base, null);
    }

    /** @param tls the context an https base is called with (null: the JVM's default) */
    HttpCalls(URI base, SSLContext tls) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sendWithHeader(String path, String apiKey, String body, String header, String value) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String apiKey, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String apiKey, String contentType, String body, String header,
                              String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header(header, value);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
