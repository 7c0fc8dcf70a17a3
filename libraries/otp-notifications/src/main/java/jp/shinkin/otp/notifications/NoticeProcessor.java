package jp.shinkin.otp.notifications;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.messaging.StateStores;
import jp.shinkin.otp.wire.ContactChanged;
import jp.shinkin.otp.wire.SealedBytes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition of the audit log in order: a {@code ContactChanged} updates where the
 * contract's notices go; a notable event becomes one mail, sent once per event ID. After each mail
 * the event ID is recorded and a commit is asked for at once, so a restart resends nothing that was
 * recorded; what was not recorded is sent again (at least once).
 */
final class NoticeProcessor implements Processor<String, SpecificRecord, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeProcessor.class);

    private final NoticeSettings settings;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, ContactChanged> contacts;
    private KeyValueStore<String, Long> sent;

    NoticeProcessor(NoticeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.contacts = StateStores.NOTICE_CONTACTS.in(context);
        this.sent = StateStores.NOTICES_SENT.in(context);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetOldNotices);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String contractId = record.key();
        SpecificRecord event = record.value();
        if (contractId == null || event == null) {
            return;
        }
        if (event instanceof ContactChanged changed) {
            if (changed.getSealedAddress() == null) {
                contacts.delete(contractId);
            } else {
                contacts.put(contractId, changed);
            }
            return;
        }
        Optional<Notice> notice = Notice.of(event);
        if (notice.isEmpty() || sent.get(notice.get().eventId()) != null) {
            return;
        }
        deliver(notice.get());
    }

    private void deliver(Notice notice) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (notice.at().isBefore(now.minus(settings.maxAge()))) {
            // A new consumer group, or offsets lost, must not mail every customer their history.
            LOG.warn("notice for event {} ({}) not sent: older than {}", notice.eventId(), notice.kind(), settings.maxAge());
            return;
        }
        Optional<ContactChanged> contact = Optional.ofNullable(contacts.get(notice.contractId()));
        if (contact.isEmpty()) {
            LOG.debug("no notice address for contract {}: event {} ({}) not mailed", notice.contractId(), notice.eventId(), notice.kind());
            return;
        }
        Optional<String> address = settings.addresses().open(sealed(contact.get().getSealedAddress()));
        if (address.isEmpty()) {
            // The current address's key is written before the address is recorded: missing, it has not
            // reached this instance yet (a restart, a slow global store). Wait for it rather than drop the notice.
            if (notice.at().isAfter(now.minus(settings.keyPatience()))) {
                throw new AddressNotReady(notice.eventId());
            }
            LOG.error("the notice address of contract {} cannot be opened {} after event {}: its key is gone; not mailed",
                    notice.contractId(), settings.keyPatience(), notice.eventId());
            sent.put(notice.eventId(), context.currentSystemTimeMs());
            return;
        }
        NoticeLanguage language = NoticeLanguage.ofTag(contact.get().getLanguage()).orElse(NoticeLanguage.JA);
        OutgoingMail mail = new OutgoingMail(address.get(), settings.letters().write(notice, language), notice.eventId(), language);
        try {
            sendPatiently(mail);
            LOG.info("notice sent: event {} ({}, {}) for contract {}", notice.eventId(), notice.kind(), language.tag(),
                    notice.contractId());
        } catch (MailRefused refused) {
            LOG.warn("{}; contract {}", refused.getMessage(), notice.contractId());
        }
        sent.put(notice.eventId(), context.currentSystemTimeMs());
        context.commit();
    }

    /** A relay that is briefly away is waited for; one that stays away stops the thread (replaced, resumes here). */
    private void sendPatiently(OutgoingMail mail) {
        Duration delay = settings.retry().firstDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                settings.mailer().send(mail);
                return;
            } catch (MailUnavailable e) {
                if (attempt >= settings.retry().attempts()) {
                    throw e;
                }
                LOG.warn("{}; attempt {} of {}, next in {} ms", e.getMessage(), attempt, settings.retry().attempts(), delay.toMillis());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = delay.multipliedBy(2);
            }
        }
    }

    private void forgetOldNotices(long nowMillis) {
        long before = nowMillis - settings.sentRetention().toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = sent.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> kv = all.next();
                if (kv.value < before) {
                    old.add(kv.key);
                }
            }
        }
        old.forEach(sent::delete);
    }

    /** The address's key has not reached this instance yet: the thread is replaced and this event taken up again. */
    static final class AddressNotReady extends RuntimeException {
        AddressNotReady(String eventId) {
            super("the notice address's key is not readable yet; event " + eventId + " waits");
        }
    }

    private static Sealed sealed(SealedBytes b) {
        return new Sealed(b.getKeyId(), bytes(b.getNonce()), bytes(b.getCiphertext()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
