package dev.salespipeline.analytics.acquisition;

import dev.salespipeline.analytics.deal.Recount;

/**
 * What reaches the acquisition-cost cells of a pipeline: a deal's recount or a spend as it is now, never both.
 */
record AcquisitionInput(Recount<AcquiredDeal> deal, Spend spend) {

    AcquisitionInput {
        if ((deal == null) == (spend == null)) {
            throw new IllegalArgumentException("an input is a deal's recount or a spend");
        }
    }

    static AcquisitionInput of(Recount<AcquiredDeal> deal) {
        return new AcquisitionInput(deal, null);
    }

    static AcquisitionInput of(Spend spend) {
        return new AcquisitionInput(null, spend);
    }
}
