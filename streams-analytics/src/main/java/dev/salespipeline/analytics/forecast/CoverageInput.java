package dev.salespipeline.analytics.forecast;

import dev.salespipeline.analytics.deal.Recount;

/**
 * What reaches the coverage of a pipeline's subjects: a recount of one of its deals, or one of its targets as it is
 * now. Exactly one is set.
 */
record CoverageInput(Recount<ForecastDeal> recount, SalesTarget target) {

    static CoverageInput of(Recount<ForecastDeal> recount) {
        return new CoverageInput(recount, null);
    }

    static CoverageInput of(SalesTarget target) {
        return new CoverageInput(null, target);
    }
}
