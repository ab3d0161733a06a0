package dev.salespipeline.analytics.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * What one subject (an owner or a team) of one pipeline has for its coverage (store
 * {@value ForecastTopology#COVERAGE_STORE}, key {@code pipelineId|owner:<id>} or {@code pipelineId|team:<id>}): its
 * closed deals' counts and cycle, its open and won amounts by month and currency, and its targets by period.
 *
 * @param closed         deals closed (won or lost) in the pipeline, as they are now
 * @param won            of those, the deals won
 * @param wonCycleMillis the sum of the won deals' times from opening to win
 * @param open           amounts of open deals by expected close month and currency ({@code 2027-01|EUR})
 * @param wonAmounts     amounts of won deals by month of the win and currency
 * @param targets        the targets in force, by period ({@code 2027-Q1}); a withdrawn target is removed
 */
public record CoverageSubject(long closed, long won, long wonCycleMillis, TreeMap<String, BigDecimal> open,
                              TreeMap<String, BigDecimal> wonAmounts, TreeMap<String, SalesTarget> targets) {

    private static final double DAY_MILLIS = 86_400_000.0;

    public CoverageSubject {
        open = open == null ? new TreeMap<>() : new TreeMap<>(open);
        wonAmounts = wonAmounts == null ? new TreeMap<>() : new TreeMap<>(wonAmounts);
        targets = targets == null ? new TreeMap<>() : new TreeMap<>(targets);
    }

    static CoverageSubject empty() {
        return new CoverageSubject(0, 0, 0, null, null, null);
    }

    /** The subject with the target as it is now: in force, or removed when withdrawn. */
    CoverageSubject withTarget(SalesTarget target) {
        TreeMap<String, SalesTarget> nextTargets = new TreeMap<>(targets);
        if (target.withdrawn()) {
            nextTargets.remove(target.period().toString());
        } else {
            nextTargets.put(target.period().toString(), target);
        }
        return new CoverageSubject(closed, won, wonCycleMillis, open, wonAmounts, nextTargets);
    }

    /** The subject with one deal's contribution {@code removed} taken out and {@code added} put in (either null). */
    CoverageSubject recounted(ForecastContribution removed, ForecastContribution added) {
        CoverageSubject next = this;
        if (removed != null) {
            next = next.plus(removed, -1);
        }
        if (added != null) {
            next = next.plus(added, 1);
        }
        return next;
    }

    private CoverageSubject plus(ForecastContribution contribution, int sign) {
        TreeMap<String, BigDecimal> nextOpen = new TreeMap<>(open);
        TreeMap<String, BigDecimal> nextWon = new TreeMap<>(wonAmounts);
        long nextClosed = closed;
        long nextWonDeals = won;
        long nextCycle = wonCycleMillis;
        if (contribution.kind() == ForecastContribution.Kind.COVERAGE_OPEN) {
            add(nextOpen, contribution, sign);
        } else {
            nextClosed += sign;
            if (contribution.outcome() == DealStatus.WON) {
                nextWonDeals += sign;
                nextCycle += sign * contribution.cycleMillis();
                if (contribution.amount() != null) {
                    add(nextWon, contribution, sign);
                }
            }
        }
        return new CoverageSubject(nextClosed, nextWonDeals, nextCycle, nextOpen, nextWon, targets);
    }

    private static void add(Map<String, BigDecimal> amounts, ForecastContribution contribution, int sign) {
        String key = contribution.month() + "|" + contribution.currency();
        BigDecimal sum = amounts.getOrDefault(key, BigDecimal.ZERO)
                .add(contribution.amount().multiply(BigDecimal.valueOf(sign)));
        if (sum.signum() == 0) {
            amounts.remove(key);
        } else {
            amounts.put(key, sum);
        }
    }

    /** The coverage of every target in force, by record key. */
    Map<String, PipelineCoverage> metrics() {
        Map<String, PipelineCoverage> metrics = new TreeMap<>();
        targets.values().forEach(target -> {
            PipelineCoverage coverage = metric(target);
            metrics.put(PipelineCoverage.key(coverage.pipelineId(), coverage.periodType(), coverage.period(),
                    coverage.subjectType(), coverage.subjectId()), coverage);
        });
        return metrics;
    }

    private PipelineCoverage metric(SalesTarget target) {
        TargetPeriod period = target.period();
        String currency = target.amount().currency();
        int days = (int) ChronoUnit.DAYS.between(period.from(), period.to()) + 1;
        BigDecimal wonInPeriod = BigDecimal.ZERO;
        BigDecimal openPipeline = BigDecimal.ZERO;
        for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(YearMonth.from(period.to()));
             month = month.plusMonths(1)) {
            String key = month + "|" + currency;
            wonInPeriod = wonInPeriod.add(wonAmounts.getOrDefault(key, BigDecimal.ZERO));
            openPipeline = openPipeline.add(open.getOrDefault(key, BigDecimal.ZERO));
        }
        BigDecimal remaining = target.amount().amount().subtract(wonInPeriod);
        Double actual = remaining.signum() > 0
                ? openPipeline.divide(remaining, MathContext.DECIMAL64).doubleValue() : null;
        Double winRate = closed > 0 ? (double) won / closed : null;
        Double averageCycleDays = won > 0 ? wonCycleMillis / (won * DAY_MILLIS) : null;
        // (1 / (won / closed)) x (cycle / won / days): one division of exact products, so 90 days, 1 of 5 won
        // and a 90-day quarter give exactly 5
        Double required = won > 0 ? (double) closed * wonCycleMillis / ((double) won * won * days * DAY_MILLIS)
                : null;
        SubjectType subjectType = target.subjectType();
        return new PipelineCoverage(target.pipelineId(), subjectType, target.subjectId(),
                subjectType == SubjectType.OWNER ? target.subjectId() : null,
                period.kind() == TargetPeriod.Kind.MONTH ? PeriodType.MONTH : PeriodType.QUARTER, period.toString(),
                days, currency, Amounts.plain(target.amount().amount()), Amounts.plain(wonInPeriod),
                Amounts.plain(remaining), Amounts.plain(openPipeline), actual, closed, won, winRate, averageCycleDays,
                required);
    }
}
