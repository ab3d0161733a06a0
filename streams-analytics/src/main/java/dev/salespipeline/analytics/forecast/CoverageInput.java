package dev.salespipeline.analytics.forecast;

/**
 * What reaches a subject's coverage: a delta of one of its deals, or one of its targets as it is now. Exactly one
 * is set.
 */
public record CoverageInput(ForecastDelta delta, SalesTarget target) {

    static CoverageInput of(ForecastDelta delta) {
        return new CoverageInput(delta, null);
    }

    static CoverageInput of(SalesTarget target) {
        return new CoverageInput(null, target);
    }
}
