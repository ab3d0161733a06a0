package dev.salespipeline.query.metrics;

import java.util.regex.Pattern;

/** The periods metrics are cut by, with how each names its periods. */
public enum PeriodType {

    /** {@code 2026-11-16} */
    DAY("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    /** ISO week, {@code 2026-W47} */
    WEEK("[0-9]{4}-W[0-9]{2}"),
    /** {@code 2026-11} */
    MONTH("[0-9]{4}-[0-9]{2}"),
    /** {@code 2026-Q4} */
    QUARTER("[0-9]{4}-Q[1-4]");

    private final Pattern period;

    PeriodType(String period) {
        this.period = Pattern.compile(period);
    }

    public boolean names(String period) {
        return this.period.matcher(period).matches();
    }
}
