package dev.salespipeline.analytics.acquisition;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;

/**
 * What one deal counts for in the acquisition cost of one pipeline, before it is spread over its channel and all
 * channels, months and quarters: its current source channel, the day it was opened if it was opened in the
 * pipeline, and the day it was won if it is won there now.
 *
 * @param channel  the deal's current source channel, {@value MetricKey#NO_SOURCE_CHANNEL} for none
 * @param openedOn the company's date of the opening, null if the deal was opened in another pipeline
 * @param wonOn    the company's date of the win, null unless the deal is won in this pipeline now
 */
record AcquiredDeal(String channel, LocalDate openedOn, LocalDate wonOn) {

    AcquiredDeal {
        Objects.requireNonNull(channel, "channel");
        if (openedOn == null && wonOn == null) {
            throw new IllegalArgumentException("a deal counts for an opening, a win or both");
        }
    }

    /**
     * The family's rule: a deal counts as opened in the pipeline it was opened in (that of its first stay) and as
     * won in the pipeline it is won in; one part per pipeline.
     */
    static Map<String, AcquiredDeal> parts(DealState deal, CompanyPeriods periods) {
        String channel = deal.sourceChannel() == null ? MetricKey.NO_SOURCE_CHANNEL : deal.sourceChannel();
        String openedIn = deal.stageIntervals().isEmpty() ? deal.pipelineId()
                : deal.stageIntervals().get(0).pipelineId();
        LocalDate openedOn = periods.date(deal.openedAt());
        LocalDate wonOn = deal.status() == DealStatus.WON && deal.closedAt() != null
                ? periods.date(deal.closedAt()) : null;
        Map<String, AcquiredDeal> parts = new LinkedHashMap<>();
        if (openedIn.equals(deal.pipelineId())) {
            parts.put(openedIn, new AcquiredDeal(channel, openedOn, wonOn));
        } else {
            parts.put(openedIn, new AcquiredDeal(channel, openedOn, null));
            if (wonOn != null) {
                parts.put(deal.pipelineId(), new AcquiredDeal(channel, null, wonOn));
            }
        }
        return parts;
    }
}
