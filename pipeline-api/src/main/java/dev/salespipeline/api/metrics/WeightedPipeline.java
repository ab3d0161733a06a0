package dev.salespipeline.api.metrics;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The weighted pipeline of the open deals in one currency expected to close in a period, cut by owner and
 * source channel, on {@link dev.salespipeline.api.Topics#METRICS_WEIGHTED_PIPELINE}: the sum of amount x
 * probability, with the plain sum and the number of deals. The period is the one holding the deal's expected
 * close date; open deals without one are in the period {@value #NO_DATE} of every period type. Amounts in
 * different currencies are never added. Definitions: {@code docs/metrics.md}.
 *
 * <p>Amounts are decimal strings in JSON, as in {@link dev.salespipeline.api.deal.Money}.
 *
 * @param pipelineId     the pipeline
 * @param ownerId        the deals' current owner, or null for all owners
 * @param sourceChannel  the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for all
 * @param periodType     the kind of period
 * @param period         the period holding the expected close dates, see {@link PeriodType}, or {@value #NO_DATE}
 * @param currency       the ISO 4217 code of every amount counted
 * @param openDeals      open deals with an amount in the currency expected to close in the period
 * @param amount         the sum of their amounts
 * @param weightedAmount the sum of their amounts, each times its probability (override, else its stage's
 *                       probability in the pipeline's current definition)
 */
public record WeightedPipeline(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                               String period, String currency, long openDeals,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weightedAmount) {

    /** The period of open deals that have no expected close date. */
    public static final String NO_DATE = "none";

    public WeightedPipeline {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(weightedAmount, "weightedAmount");
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_WEIGHTED_PIPELINE}: the metric key followed
     * by the currency, {@code sales|*|*|MONTH|2026-11|EUR} or {@code sales|anna|*|QUARTER|none|EUR}.
     */
    public static String key(MetricKey key, String currency) {
        return key.asString() + "|" + currency;
    }
}
