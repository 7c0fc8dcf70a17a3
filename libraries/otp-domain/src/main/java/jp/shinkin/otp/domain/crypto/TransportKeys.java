package jp.shinkin.otp.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal codes on the command topic. A configured master key never encrypts anything
 * itself: each period (a minute by default) has its own AES key, derived from the newest master
 * with HKDF-Expand (RFC 5869, one block of HMAC-SHA256, the master as pseudo-random key) over the
 * period's start. The key ID written beside each sealed code, {@code <master id>@<period start,
 * epoch seconds>}, is all a reader needs to derive the same key again, on any instance, in an
 * audit years later. So the key rotates by itself, and no key seals more than one period's codes:
 * the random-nonce AES-GCM bound of 2^32 messages per key (NIST SP 800-38D) would need 71 million
 * codes a second, for a whole minute, across the cluster.
 *
 * <p>Older masters stay loadable for a master rotation: codes sealed under them still open.
 */
public final class TransportKeys {
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);
    private static final String INFO = "otp-transport-key-v1|";
    private static final int CACHED = 16;

    private final String newestMasterId;
    /** By ID, in the order given: the newest first. */
    private final Map<String, SecretKeySpec> masters;
    private final long periodSeconds;
    private final Clock clock;
    /** Keys of recent periods, read on the hot path without a lock; emptied when it grows past a few periods. */
    private final Map<String, SecretKey> derived = new ConcurrentHashMap<>();
    private volatile PeriodKey current;

    /** @param masters master ID to 256-bit master key, the newest first ({@link NamedKeys#read}) */
    public TransportKeys(Map<String, byte[]> masters, Duration period, Clock clock) {
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("at least one transport master key");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        masters.forEach((id, raw) -> {
            if (raw.length != 32) {
                throw new IllegalArgumentException("a transport master key must be 256-bit");
            }
            keys.put(id, new SecretKeySpec(raw, "HmacSHA256"));
        });
        this.newestMasterId = masters.keySet().iterator().next();
        this.masters = Collections.unmodifiableMap(keys);
        this.periodSeconds = period.toSeconds();
        if (periodSeconds < 1 || periodSeconds > Duration.ofDays(1).toSeconds()) {
            throw new IllegalArgumentException("the transport key period is between 1 s and 1 day");
        }
        this.clock = Objects.requireNonNull(clock);
    }

    /** One master, the default period, the system clock: tools and tests. */
    public static TransportKeys single(String masterId, byte[] master) {
        return new TransportKeys(Map.of(masterId, master), DEFAULT_PERIOD, Clock.systemUTC());
    }

    /** The key that seals now, with its ID. */
    PeriodKey current() {
        long start = Math.floorDiv(clock.instant().getEpochSecond(), periodSeconds) * periodSeconds;
        PeriodKey key = current;
        if (key == null || key.start() != start) {
            String id = newestMasterId + "@" + start;
            key = new PeriodKey(id, start, derive(masters.get(newestMasterId), start));
            current = key;
        }
        return key;
    }

    /** The key a sealed code names. @throws SecretUnavailableException for an ID no loaded master makes */
    SecretKey forId(String keyId) {
        PeriodKey now = current;
        if (now != null && now.id().equals(keyId)) {
            return now.key();
        }
        SecretKey key = derived.get(keyId);
        if (key == null) {
            if (derived.size() >= CACHED) {
                derived.clear();
            }
            key = deriveFor(keyId);
            derived.put(keyId, key);
        }
        return key;
    }

    private SecretKey deriveFor(String keyId) {
        int at = keyId.lastIndexOf('@');
        if (at < 0 && masters.containsKey(keyId)) {
            // Sealed before keys were derived per period: the master itself was the AES key. Nothing
            // seals that way any more; the command log (and the audit's re-decisions) still has them.
            return new SecretKeySpec(masters.get(keyId).getEncoded(), "AES");
        }
        SecretKeySpec master = at < 0 ? null : masters.get(keyId.substring(0, at));
        if (master == null) {
            throw new SecretUnavailableException("code sealed under transport key " + keyId + ", whose master is not loaded");
        }
        try {
            return derive(master, Long.parseLong(keyId.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new SecretUnavailableException("malformed transport key ID");
        }
    }

    /** The HMAC keys for request fingerprints, one per master, the newest first: stable across periods. */
    List<SecretKeySpec> fingerprintKeys(byte[] context) {
        return masters.values().stream().map(master -> new SecretKeySpec(hmac(master, context), "HmacSHA256")).toList();
    }

    private static SecretKey derive(SecretKeySpec master, long periodStart) {
        byte[] info = (INFO + periodStart).getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[info.length + 1];
        System.arraycopy(info, 0, block, 0, info.length);
        block[info.length] = 1;
        return new SecretKeySpec(hmac(master, block), "AES");
    }

    static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    record PeriodKey(String id, long start, SecretKey key) {
    }

    @Override
    public String toString() {
        return "TransportKeys[newest=" + newestMasterId + ", loaded=" + masters.keySet() + ", period=" + periodSeconds + "s]";
    }
}
