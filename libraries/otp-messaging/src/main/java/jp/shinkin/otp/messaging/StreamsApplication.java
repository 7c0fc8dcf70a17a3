package jp.shinkin.otp.messaging;

/**
 * The platform's Kafka Streams applications. An application's ID is its consumer group and the
 * first part of its internal topics' names, so, like a topic's name, it is named once, here.
 */
public enum StreamsApplication {
    /** The single writer: the credential topology. */
    CREDENTIALS("otp-credentials"),
    /** Customer notices by e-mail, over the audit log. */
    NOTICES("otp-notifications"),
    /** Fraud analytics, over the audit log. */
    FRAUD("otp-fraud-analytics");

    private final String name;

    StreamsApplication(String name) {
        this.name = name;
    }

    /** The application ID (and consumer group) under the topic prefix. */
    public String idIn(String prefix) {
        return Topics.applicationId(prefix, name);
    }

    /** The changelog topic Kafka Streams keeps for one of this application's stores. */
    public String changelogIn(String prefix, Store<?, ?> store) {
        return idIn(prefix) + "-" + store.name() + "-changelog";
    }
}
