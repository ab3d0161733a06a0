package dev.salespipeline.analytics.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;

/** One weighted-pipeline row as it is aggregated (store {@value ForecastTopology#WEIGHTED_STORE}). */
public record WeightedTotals(String pipelineId, String ownerId, String sourceChannel, PeriodType periodType,
                             String period, String currency, long openDeals, BigDecimal amount,
                             BigDecimal weightedAmount) {

    /** The row with {@code removed} taken out and {@code added} put in; either may be null, not both. */
    static WeightedTotals apply(WeightedTotals totals, ForecastContribution removed, ForecastContribution added) {
        ForecastContribution any = added != null ? added : removed;
        WeightedTotals row = totals != null ? totals
                : new WeightedTotals(any.pipelineId(), any.ownerId(), any.sourceChannel(), any.periodType(),
                        any.period(), any.currency(), 0, BigDecimal.ZERO, BigDecimal.ZERO);
        if (removed != null) {
            row = row.plus(removed, -1);
        }
        if (added != null) {
            row = row.plus(added, 1);
        }
        return row;
    }

    private WeightedTotals plus(ForecastContribution contribution, int sign) {
        BigDecimal factor = BigDecimal.valueOf(sign);
        return new WeightedTotals(pipelineId, ownerId, sourceChannel, periodType, period, currency, openDeals + sign,
                amount.add(contribution.amount().multiply(factor)),
                weightedAmount.add(contribution.weightedAmount().multiply(factor)));
    }

    /**
     * Every row the finest cells add up to, by row key: each cell (one owner, channel, day or none, and currency)
     * counts in the sixteen rows of its owner and all, its channel and all, and the periods of its date.
     */
    public static Map<String, WeightedTotals> rowsOf(Iterable<WeightedTotals> cells) {
        Map<String, WeightedTotals> rows = new TreeMap<>();
        for (WeightedTotals cell : cells) {
            for (String owner : Arrays.asList(cell.ownerId(), null)) {
                for (String channel : Arrays.asList(cell.sourceChannel(), null)) {
                    for (PeriodType type : PeriodType.values()) {
                        String period = WeightedPipeline.NO_DATE.equals(cell.period()) ? WeightedPipeline.NO_DATE
                                : type.label(LocalDate.parse(cell.period()));
                        WeightedTotals row = new WeightedTotals(cell.pipelineId(), owner, channel, type, period,
                                cell.currency(), 0, BigDecimal.ZERO, BigDecimal.ZERO);
                        String key = WeightedPipeline.key(new MetricKey(row.pipelineId(), owner, channel, type,
                                period), row.currency());
                        rows.merge(key, row.plus(cell), (sum, more) -> sum.plus(cell));
                    }
                }
            }
        }
        return rows;
    }

    /** The row with another's deals and amounts added. */
    WeightedTotals plus(WeightedTotals other) {
        return new WeightedTotals(pipelineId, ownerId, sourceChannel, periodType, period, currency,
                openDeals + other.openDeals, amount.add(other.amount), weightedAmount.add(other.weightedAmount));
    }

    /** The row with another's deals and amounts taken out. */
    WeightedTotals minus(WeightedTotals other) {
        return new WeightedTotals(pipelineId, ownerId, sourceChannel, periodType, period, currency,
                openDeals - other.openDeals, amount.subtract(other.amount),
                weightedAmount.subtract(other.weightedAmount));
    }

    public WeightedPipeline metric() {
        return new WeightedPipeline(pipelineId, ownerId, sourceChannel, periodType, period, currency, openDeals,
                Amounts.plain(amount), Amounts.plain(weightedAmount));
    }
}
