package dev.salespipeline.api.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Sales velocity, money per day, of the deals in one currency, for a period, cut by owner and source channel,
 * on {@link dev.salespipeline.api.Topics#METRICS_SALES_VELOCITY}:
 * {@code openDeals x winRate x averageWonAmount / averageCycleDays}. Every factor counts only deals whose
 * amount is in {@code currency}: amounts in different currencies are never added. Definitions:
 * {@code docs/metrics.md}.
 *
 * <p>Amounts are decimal strings in JSON, as in {@link dev.salespipeline.api.deal.Money}.
 *
 * @param pipelineId       the pipeline
 * @param ownerId          the deals' current owner, or null for all owners
 * @param sourceChannel    the deals' source channel ({@value MetricKey#NO_SOURCE_CHANNEL} for none), or null for all
 * @param periodType       the kind of period
 * @param period           the period, see {@link PeriodType}
 * @param currency         the ISO 4217 code of every amount counted
 * @param openDeals        open deals in the currency after the latest change within the period (for a period not
 *                         yet over: now)
 * @param openDealsAsOf    business time of that change; null when nothing changed the open deals in the period
 * @param won              deals won in the period (and not reopened since)
 * @param lost             deals lost in the period (and not reopened since)
 * @param winRate          {@code won / (won + lost)}; null when no deal was closed
 * @param averageWonAmount mean amount of the deals won; null when none was won
 * @param averageCycleDays mean days from opening to win of the deals won; null when none was won
 * @param velocityPerDay   {@code openDeals x winRate x averageWonAmount / averageCycleDays}, rounded to 2 decimal
 *                         places; null when a factor is null or the average cycle is 0
 */
public record SalesVelocity(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                            String period, String currency, long openDeals, Instant openDealsAsOf, long won,
                            long lost, Double winRate,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal averageWonAmount,
                            Double averageCycleDays,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal velocityPerDay) {

    public SalesVelocity {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * The record key on {@link dev.salespipeline.api.Topics#METRICS_SALES_VELOCITY}: the metric key followed by
     * the currency, {@code sales|*|*|MONTH|2026-11|EUR}.
     */
    public static String key(MetricKey key, String currency) {
        return key.asString() + "|" + currency;
    }
}
