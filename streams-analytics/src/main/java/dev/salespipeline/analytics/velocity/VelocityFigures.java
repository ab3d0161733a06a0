package dev.salespipeline.analytics.velocity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.SalesVelocity;

/**
 * The stored figures of one sales velocity row (metric key and currency): the deals closed in the period, and
 * the open deals as of the latest change within it.
 *
 * @param wonAmount      the sum of the amounts of the deals won
 * @param wonCycleMillis the sum of their cycles, in milliseconds
 */
public record VelocityFigures(MetricKey key, String currency, long won, long lost, BigDecimal wonAmount,
                              long wonCycleMillis, long openDeals, Instant openDealsAsOf) {

    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    public VelocityFigures {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(currency, "currency");
        wonAmount = wonAmount == null ? BigDecimal.ZERO : wonAmount;
    }

    static VelocityFigures empty(MetricKey key, String currency) {
        return new VelocityFigures(key, currency, 0, 0, BigDecimal.ZERO, 0, 0, null);
    }

    VelocityFigures withOpenDeals(long deals, Instant asOf) {
        return new VelocityFigures(key, currency, won, lost, wonAmount, wonCycleMillis, deals, asOf);
    }

    /** The figures with a closed deal taken out ({@code by = -1}) or put in ({@code by = 1}). */
    VelocityFigures withClosed(VelocityContribution closed, int by) {
        if (closed.outcome() == DealStatus.WON) {
            return new VelocityFigures(key, currency, won + by,
                    lost, wonAmount.add(closed.amount().multiply(BigDecimal.valueOf(by))),
                    wonCycleMillis + by * closed.value(), openDeals, openDealsAsOf);
        }
        return new VelocityFigures(key, currency, won, lost + by, wonAmount, wonCycleMillis, openDeals,
                openDealsAsOf);
    }

    public SalesVelocity metric() {
        Double winRate = won + lost == 0 ? null : (double) won / (won + lost);
        BigDecimal averageWonAmount = won == 0 ? null
                : wonAmount.divide(BigDecimal.valueOf(won), Math.max(2, wonAmount.scale()), RoundingMode.HALF_EVEN);
        Double averageCycleDays = won == 0 ? null : wonCycleMillis / 86_400_000.0 / won;
        BigDecimal velocity = null;
        if (won > 0 && wonCycleMillis > 0) {
            // openDeals x won/(won+lost) x wonAmount/won / (wonCycleMillis/won/MILLIS_PER_DAY), rounded once
            velocity = BigDecimal.valueOf(openDeals).multiply(wonAmount).multiply(BigDecimal.valueOf(won))
                    .multiply(MILLIS_PER_DAY)
                    .divide(BigDecimal.valueOf(won + lost).multiply(BigDecimal.valueOf(wonCycleMillis)), 2,
                            RoundingMode.HALF_EVEN);
        }
        return new SalesVelocity(key.pipelineId(), key.ownerId(), key.sourceChannel(), key.periodType(), key.period(),
                currency, openDeals, openDealsAsOf, won, lost, winRate, averageWonAmount, averageCycleDays, velocity);
    }
}
