package dev.salespipeline.analytics.acquisition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The acquisition-cost figures of one pipeline, channel (null for all) and month or quarter (store
 * {@value AcquisitionCostTopology#CELLS_STORE}): the deals opened and won in it and the spend per currency. A
 * currency whose spend is all withdrawn stays, with no spend counted, until its row's tombstone is sent.
 *
 * @param spend by currency
 */
record AcquisitionCell(String pipelineId, String sourceChannel, PeriodType periodType, String period,
                       long dealsOpened, long dealsWon, Map<String, SpendSum> spend) {

    AcquisitionCell {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        spend = spend == null ? Map.of() : Map.copyOf(new TreeMap<>(spend));
    }

    /**
     * The spend of one currency: how many spends are counted (a spend of zero counts too) and their sum.
     */
    record SpendSum(long spends, BigDecimal amount) {

        SpendSum {
            Objects.requireNonNull(amount, "amount");
        }
    }

    static AcquisitionCell empty(String pipelineId, String sourceChannel, PeriodType periodType, String period) {
        return new AcquisitionCell(pipelineId, sourceChannel, periodType, period, 0, 0, Map.of());
    }

    /** {@code pipelineId|channel or *|periodType|period}: one cell for each. */
    String key() {
        return key(pipelineId, sourceChannel, periodType, period);
    }

    static String key(String pipelineId, String sourceChannel, PeriodType periodType, String period) {
        return pipelineId + "|" + (sourceChannel == null ? MetricKey.ALL : sourceChannel) + "|" + periodType + "|"
                + period;
    }

    AcquisitionCell plusDeals(long opened, long won) {
        return new AcquisitionCell(pipelineId, sourceChannel, periodType, period, dealsOpened + opened,
                dealsWon + won, spend);
    }

    /** With one spend more ({@code sign} 1) or less (-1) in the amount's currency. */
    AcquisitionCell plusSpend(int sign, String currency, BigDecimal amount) {
        Map<String, SpendSum> changed = new TreeMap<>(spend);
        SpendSum sum = changed.getOrDefault(currency, new SpendSum(0, BigDecimal.ZERO));
        changed.put(currency, new SpendSum(sum.spends() + sign,
                sign > 0 ? sum.amount().add(amount) : sum.amount().subtract(amount)));
        return new AcquisitionCell(pipelineId, sourceChannel, periodType, period, dealsOpened, dealsWon, changed);
    }

    /** Without the currencies whose spend is all withdrawn, once their tombstones are sent. */
    AcquisitionCell withoutWithdrawnCurrencies() {
        Map<String, SpendSum> kept = new TreeMap<>(spend);
        kept.values().removeIf(sum -> sum.spends() == 0);
        return new AcquisitionCell(pipelineId, sourceChannel, periodType, period, dealsOpened, dealsWon, kept);
    }

    boolean isEmpty() {
        return dealsOpened == 0 && dealsWon == 0 && spend.isEmpty();
    }

    /** The row of a currency, or null (a tombstone) when the currency's spend is all withdrawn. */
    AcquisitionCost row(String currency) {
        SpendSum sum = spend.get(currency);
        if (sum == null || sum.spends() == 0) {
            return null;
        }
        BigDecimal total = plain(sum.amount());
        return new AcquisitionCost(pipelineId, sourceChannel, periodType, period, currency, total, dealsOpened,
                dealsWon, per(total, dealsOpened), per(total, dealsWon));
    }

    /** The spend per deal, rounded half-even to the spend's scale (at least two places); null for no deals. */
    static BigDecimal per(BigDecimal spend, long deals) {
        return deals == 0 ? null
                : spend.divide(BigDecimal.valueOf(deals), Math.max(2, spend.scale()), RoundingMode.HALF_EVEN);
    }

    /** The amount without trailing zeros beyond two decimal places: 600.0000 is 600.00, 3.3033 stays. */
    static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }
}
