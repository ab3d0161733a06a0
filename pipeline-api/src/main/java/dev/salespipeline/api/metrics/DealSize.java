package dev.salespipeline.api.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Average deal size ("average check") of the deals in one currency, for a period, cut by owner and source
 * channel, on {@link dev.salespipeline.api.Topics#METRICS_DEAL_SIZE}: the mean amount of the deals won in the
 * period, and of the deals open now (for a period that is over: at its end). Amounts in different currencies
 * are never added. Definitions: {@code docs/metrics.md}.
 *
 * <p>Amounts are decimal strings in JSON, as in {@link dev.salespipeline.api.deal.Money}.
 *
 * @param pipelineId          the pipeline
 * @param ownerId             the deals' current owner, or null for all owners
 * @param sourceChannel       the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null
 *                            for all
 * @param periodType          the kind of period
 * @param period              the period, see {@link PeriodType}
 * @param currency            the ISO 4217 code of every amount counted
 * @param won                 deals won in the period (and not reopened since) with an amount in the currency
 * @param wonAmount           the sum of their amounts
 * @param averageWonAmount    {@code wonAmount / won}; null when none was won
 * @param openDeals           open deals with an amount in the currency, now (for a period that is over: as last
 *                            taken within it)
 * @param openAmount          the sum of their amounts
 * @param averageOpenAmount   {@code openAmount / openDeals}; null when none is open
 * @param openAsOf            wall-clock time at which the open figures were taken; null when they were never
 *                            taken within the period
 */
public record DealSize(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                       String period, String currency, long won,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal wonAmount,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal averageWonAmount,
                       long openDeals,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal openAmount,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal averageOpenAmount,
                       Instant openAsOf) {

    public DealSize {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(wonAmount, "wonAmount");
        Objects.requireNonNull(openAmount, "openAmount");
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_DEAL_SIZE}: the metric key followed by the
     * currency, {@code sales|anna|*|MONTH|2026-11|EUR}.
     */
    public static String key(MetricKey key, String currency) {
        return key.asString() + "|" + currency;
    }
}
