package dev.salespipeline.api.metrics;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Customer acquisition cost per pipeline, source channel, month or quarter and currency, on
 * {@link dev.salespipeline.api.Topics#METRICS_ACQUISITION_COST}: the marketing spend of the period against the deals
 * opened and won in it. A row exists for each currency the period has spend in; spend in different currencies is
 * never added. Definitions: {@code docs/metrics.md}.
 *
 * <p>Amounts are decimal strings in JSON, as in {@link dev.salespipeline.api.deal.Money}.
 *
 * @param pipelineId     the pipeline
 * @param sourceChannel  the channel, or null for all channels
 * @param periodType     {@link PeriodType#MONTH} or {@link PeriodType#QUARTER}
 * @param period         the period, see {@link PeriodType}
 * @param currency       the ISO 4217 code of the spend
 * @param spend          the spend in the currency set for the period (for a quarter, also that of its months)
 * @param dealsOpened    deals opened in the period whose current source channel is the channel (all deals for all
 *                       channels)
 * @param dealsWon       deals won in the period, and not reopened since, whose current source channel is the channel
 * @param costPerLead    spend / dealsOpened; null when no deal was opened
 * @param costPerWonDeal spend / dealsWon; null when no deal was won
 */
public record AcquisitionCost(String pipelineId, String sourceChannel, PeriodType periodType, String period,
                              String currency,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spend,
                              long dealsOpened, long dealsWon,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal costPerLead,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal costPerWonDeal) {

    public AcquisitionCost {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(spend, "spend");
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_ACQUISITION_COST}: the metric key (all owners)
     * followed by the currency, {@code sales|*|referral|MONTH|2026-11|EUR} or {@code sales|*|*|QUARTER|2026-Q4|EUR}.
     */
    public static String key(String pipelineId, String sourceChannel, PeriodType periodType, String period,
                             String currency) {
        return new MetricKey(pipelineId, null, sourceChannel, periodType, period).asString() + "|" + currency;
    }
}
