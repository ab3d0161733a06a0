package dev.salespipeline.api.target;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.salespipeline.api.Bounds;

/**
 * The period a sales target is set for: a calendar month ({@code 2026-11}) or a calendar quarter
 * ({@code 2026-Q4}). In JSON and in ids it is that text.
 *
 * @param kind   month or quarter
 * @param year   {@value Bounds#MIN_YEAR} to {@value Bounds#MAX_YEAR}
 * @param number the month (1 to 12) or the quarter (1 to 4) of the year
 */
public record TargetPeriod(Kind kind, int year, int number) {

    /** The text form: {@code yyyy-MM} for a month, {@code yyyy-Qn} for a quarter. */
    public static final String PATTERN = "(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2]|Q[1-4])";

    public enum Kind { MONTH, QUARTER }

    public TargetPeriod {
        Objects.requireNonNull(kind, "kind");
        if (year < Bounds.MIN_YEAR || year > Bounds.MAX_YEAR) {
            throw new IllegalArgumentException("year must be from " + Bounds.MIN_YEAR + " to " + Bounds.MAX_YEAR + ": "
                    + year);
        }
        int last = kind == Kind.MONTH ? 12 : 4;
        if (number < 1 || number > last) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " must be between 1 and " + last
                    + ": " + number);
        }
    }

    public static TargetPeriod month(int year, int month) {
        return new TargetPeriod(Kind.MONTH, year, month);
    }

    public static TargetPeriod quarter(int year, int quarter) {
        return new TargetPeriod(Kind.QUARTER, year, quarter);
    }

    /**
     * @param text {@code 2026-11} or {@code 2026-Q4}
     * @throws IllegalArgumentException if the text is neither
     */
    @JsonCreator
    public static TargetPeriod parse(String text) {
        if (text == null || !text.matches(PATTERN)) {
            throw new IllegalArgumentException("a period is a month such as 2026-11 or a quarter such as 2026-Q4: "
                    + text);
        }
        int year = Integer.parseInt(text.substring(0, 4));
        return text.charAt(5) == 'Q'
                ? quarter(year, Integer.parseInt(text.substring(6)))
                : month(year, Integer.parseInt(text.substring(5)));
    }

    /** The first day of the period. */
    public LocalDate from() {
        return LocalDate.of(year, kind == Kind.MONTH ? number : 3 * number - 2, 1);
    }

    /** The last day of the period (inclusive). */
    public LocalDate to() {
        LocalDate from = from();
        return from.plusMonths(kind == Kind.MONTH ? 1 : 3).minusDays(1);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from()) && !day.isAfter(to());
    }

    @JsonValue
    @Override
    public String toString() {
        return kind == Kind.MONTH ? String.format(Locale.ROOT, "%04d-%02d", year, number)
                : String.format(Locale.ROOT, "%04d-Q%d", year, number);
    }
}
