package jp.shinkin.otp.domain.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract's transfer limit and what it has authorized on the bank's current calendar day
 * (Asia/Tokyo, by the command's timestamp). Every authorized transfer counts, also while no limit
 * is set, so a limit set at noon already counts the morning's transfers.
 *
 * @param limit      the customer's daily limit, if one was set
 * @param day        the bank day {@code authorized} belongs to
 * @param authorized the total authorized on {@code day}, in the limit's currency
 */
public record Transfers(Optional<Money> limit, Optional<LocalDate> day, BigDecimal authorized) {
    /** The bank's calendar: a shinkin bank's day starts at midnight in Japan. */
    public static final ZoneId BANK_ZONE = ZoneId.of("Asia/Tokyo");
    public static final Transfers NONE = new Transfers(Optional.empty(), Optional.empty(), BigDecimal.ZERO);

    public Transfers {
        Objects.requireNonNull(limit);
        Objects.requireNonNull(day);
        authorized = authorized.stripTrailingZeros();
    }

    public static LocalDate bankDay(Instant at) {
        return LocalDate.ofInstant(at, BANK_ZONE);
    }

    /**
     * The day a command stamped on {@code commandDay} counts in: never before the day already
     * counted. A command stamped a moment before midnight by an instance whose clock is behind,
     * decided after one stamped after midnight, counts in the later day, so no total is dropped.
     */
    public LocalDate dayFor(LocalDate commandDay) {
        return day.filter(d -> d.isAfter(commandDay)).orElse(commandDay);
    }

    /** What has been authorized on {@code day}. */
    public BigDecimal authorizedOn(LocalDate on) {
        return day.filter(on::equals).isPresent() ? authorized : BigDecimal.ZERO;
    }

    /** What is left of the limit on {@code day}, never below zero; empty when no limit is set. */
    public Optional<BigDecimal> remainingOn(LocalDate on) {
        return limit.map(l -> new BigDecimal(l.amount()).subtract(authorizedOn(on)).max(BigDecimal.ZERO));
    }

    Transfers withLimit(Money newLimit) {
        return new Transfers(Optional.of(newLimit), day, authorized);
    }

    Transfers withAuthorized(LocalDate on, BigDecimal amount) {
        LocalDate counted = dayFor(on);
        return new Transfers(limit, Optional.of(counted), authorizedOn(counted).add(amount));
    }
}
