package dev.salespipeline.analytics.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

import dev.salespipeline.api.metrics.PeriodType;

/**
 * Periods in the company's time zone ({@code pipeline.company.time-zone}). Handed to each topology that
 * cuts by period, so that a test can run a topology in any zone.
 */
public record CompanyPeriods(ZoneId zone) {

    public static final CompanyPeriods UTC = new CompanyPeriods(ZoneId.of("UTC"));

    public CompanyPeriods {
        Objects.requireNonNull(zone, "zone");
    }

    /** The company's local date at the instant. */
    public LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /** The label of the period of the given type that holds the instant. */
    public String label(PeriodType type, Instant at) {
        return type.label(date(at));
    }
}
