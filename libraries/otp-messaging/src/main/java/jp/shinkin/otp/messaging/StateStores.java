package jp.shinkin.otp.messaging;

import java.util.List;
import jp.shinkin.otp.wire.ContactChanged;
import jp.shinkin.otp.wire.state.ContractSnapshot;
import jp.shinkin.otp.wire.state.ContractWatch;
import jp.shinkin.otp.wire.state.FraudSightings;
import jp.shinkin.otp.wire.state.StoredReply;
import jp.shinkin.otp.wire.state.TokenOwner;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every state store of the platform's topologies, once, beside the topics: a store's name is part
 * of its changelog topic's ({@code <application ID>-<store>-changelog}), so it is as much a contract
 * as a topic name. Topologies build their stores and processors open them only through here.
 */
public final class StateStores {
    // Credential topology (application otp-credentials).

    /** Each contract's state, keyed by contract ID: the single writer's fold of its events. */
    public static final Store<String, ContractSnapshot> CONTRACTS = new Store<>("contract-state", String.class,
            ContractSnapshot.class, null, "contract state, one snapshot per contract");
    /** Answers already given, keyed by idempotency key: a retried request gets the same answer. */
    public static final Store<String, StoredReply> REPLIES = new Store<>("idempotent-replies", String.class,
            StoredReply.class, null, "answers by idempotency key");
    /** When each stored answer may be forgotten (a time-ordered index of the replies). */
    public static final Store<String, String> REPLY_EXPIRY = new Store<>("idempotent-reply-expiry", String.class,
            String.class, null, "expiry index of the stored answers");
    /** Which contract holds each token ID: the single writer of token-ID uniqueness. */
    public static final Store<String, TokenOwner> TOKEN_OWNERS = new Store<>("token-owners", String.class,
            TokenOwner.class, null, "token ID to contract");
    /** Issued tokens with their sealed seeds, on every instance (global store of otp.tokens). */
    public static final Store<String, SpecificRecord> ISSUED_TOKENS = new Store<>("issued-tokens", String.class,
            SpecificRecord.class, Topics.TOKENS, "issued tokens (global)");
    /** Wrapped data keys, on every instance (global store of otp.token-keys); a tombstone deletes. */
    public static final Store<String, SpecificRecord> TOKEN_DATA_KEYS = new Store<>("token-data-keys", String.class,
            SpecificRecord.class, Topics.TOKEN_KEYS, "wrapped data keys (global)");

    // Notices (application otp-notifications).

    /** Each contract's sealed notice address, as its last ContactChanged. */
    public static final Store<String, ContactChanged> NOTICE_CONTACTS = new Store<>("notice-contacts", String.class,
            ContactChanged.class, null, "sealed notice address per contract");
    /** Notices mailed, by event ID: a mail is sent once even when its event is processed again. */
    public static final Store<String, Long> NOTICES_SENT = new Store<>("notices-sent", String.class, Long.class, null,
            "notices sent, by event ID");

    // Fraud analytics (application otp-fraud-analytics).

    /** Recent wrong codes per contract (WRONG_CODE_BURST). */
    public static final Store<String, FraudSightings> FRAUD_CONTRACT_SIGHTINGS = new Store<>("fraud-contract-sightings",
            String.class, FraudSightings.class, null, "recent wrong codes per contract");
    /** A contract's last device change or reset, and the day its limit alert fired. */
    public static final Store<String, ContractWatch> FRAUD_CONTRACT_WATCH = new Store<>("fraud-contract-watch",
            String.class, ContractWatch.class, null, "recent changes per contract");
    /** Recent contracts with a wrong code per source (MANY_CONTRACTS_ONE_SOURCE). */
    public static final Store<String, FraudSightings> FRAUD_SOURCE_SIGHTINGS = new Store<>("fraud-source-sightings",
            String.class, FraudSightings.class, null, "recent failing contracts per source");

    public static final List<Store<?, ?>> ALL = List.of(CONTRACTS, REPLIES, REPLY_EXPIRY, TOKEN_OWNERS, ISSUED_TOKENS,
            TOKEN_DATA_KEYS, NOTICE_CONTACTS, NOTICES_SENT, FRAUD_CONTRACT_SIGHTINGS, FRAUD_CONTRACT_WATCH,
            FRAUD_SOURCE_SIGHTINGS);

    private StateStores() {
    }
}
