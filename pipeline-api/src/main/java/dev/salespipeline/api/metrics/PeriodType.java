package dev.salespipeline.api.metrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Pattern;

/**
 * The periods metrics are cut by, with the label each period carries in metric keys and records.
 * Periods are calendar periods in the company's time zone: an instant is first turned into the
 * company's local date, and the date decides the period.
 *
 * <ul>
 * <li>{@link #DAY}: {@code 2026-11-16}</li>
 * <li>{@link #WEEK}: ISO week, Monday to Sunday, with its week-based year: {@code 2026-W47}
 * ({@code 2027-01-01} is in {@code 2026-W53})</li>
 * <li>{@link #MONTH}: {@code 2026-11}</li>
 * <li>{@link #QUARTER}: {@code 2026-Q4}</li>
 * </ul>
 */
public enum PeriodType {
    DAY("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    WEEK("[0-9]{4}-W[0-9]{2}"),
    MONTH("[0-9]{4}-[0-9]{2}"),
    QUARTER("[0-9]{4}-Q[1-4]");

    private final Pattern labels;

    PeriodType(String labels) {
        this.labels = Pattern.compile(labels);
    }

    /** Whether the text has the form of this type's labels (for checking a period asked for). */
    public boolean names(String label) {
        return label != null && labels.matcher(label).matches();
    }

    /** The label of the period holding the given instant, in the given time zone. */
    public String label(Instant at, ZoneId zone) {
        return label(LocalDate.ofInstant(at, zone));
    }

    /** The label of the period holding the given local date. */
    public String label(LocalDate date) {
        return switch (this) {
            case DAY -> date.toString();
            // concatenated rather than formatted: labels are made for every event in the analytics
            case WEEK -> date.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                    + twoDigits(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> date.getYear() + "-" + twoDigits(date.getMonthValue());
            case QUARTER -> date.getYear() + "-Q" + date.get(IsoFields.QUARTER_OF_YEAR);
        };
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    /** The first day of the period holding the given date. */
    public LocalDate firstDay(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
        };
    }

    /** The last day of the period holding the given date. */
    public LocalDate lastDay(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> firstDay(date).plusMonths(3).minusDays(1);
        };
    }
}
