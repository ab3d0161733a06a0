package dev.salespipeline.analytics.conversion;

import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.WinRate;

/** A changed row of the family, on its way to its topic: a cohort's conversion or a period's win rate. */
record ConversionRow(StageConversion conversion, WinRate winRate) {

    static ConversionRow of(StageConversion conversion) {
        return new ConversionRow(conversion, null);
    }

    static ConversionRow of(WinRate winRate) {
        return new ConversionRow(null, winRate);
    }
}
