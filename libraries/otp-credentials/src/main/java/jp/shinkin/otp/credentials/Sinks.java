package jp.shinkin.otp.credentials;

/** The credential topology's sink nodes, by which its processors forward to a topic. */
final class Sinks {
    static final String EVENTS_SINK = "events-sink";
    static final String TOKEN_CLAIMS_SINK = "token-claims-sink";
    static final String CLAIM_RESULTS_SINK = "claim-results-sink";
    static final String KEY_TOMBSTONES_SINK = "key-tombstones-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    private Sinks() {
    }
}
