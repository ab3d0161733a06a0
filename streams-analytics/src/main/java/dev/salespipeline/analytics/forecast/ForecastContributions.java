package dev.salespipeline.analytics.forecast;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.target.SubjectType;

/** Every contribution of one deal to the forecast family's figures. */
final class ForecastContributions {

    private ForecastContributions() {
    }

    static List<ForecastContribution> of(ForecastDeal deal, CompanyPeriods periods) {
        List<ForecastContribution> contributions = new ArrayList<>();
        if (deal == null) {
            return contributions;
        }
        List<String> subjects = new ArrayList<>();
        subjects.add(subject(SubjectType.OWNER, deal.ownerId()));
        if (deal.teamId() != null) {
            subjects.add(subject(SubjectType.TEAM, deal.teamId()));
        }
        if (deal.open()) {
            if (deal.amount() == null) {
                return contributions;
            }
            BigDecimal weighted = Amounts.weighted(deal.amount().amount(), deal.probability());
            String channel = deal.sourceChannel() == null ? MetricKey.NO_SOURCE_CHANNEL : deal.sourceChannel();
            for (String owner : Arrays.asList(deal.ownerId(), null)) {
                for (String rowChannel : Arrays.asList(channel, null)) {
                    for (PeriodType type : PeriodType.values()) {
                        String period = deal.expectedCloseDate() == null ? WeightedPipeline.NO_DATE
                                : type.label(deal.expectedCloseDate());
                        contributions.add(ForecastContribution.weighted(deal.pipelineId(), owner, rowChannel, type,
                                period, deal.amount(), weighted));
                    }
                }
            }
            if (deal.expectedCloseDate() != null) {
                contributions.add(ForecastContribution.plan(deal, weighted));
                String month = YearMonth.from(deal.expectedCloseDate()).toString();
                for (String subject : subjects) {
                    contributions.add(ForecastContribution.coverageOpen(deal.pipelineId(), subject, month,
                            deal.amount()));
                }
            }
            return contributions;
        }
        if (deal.closedAt() != null && (deal.status() == DealStatus.WON || deal.status() == DealStatus.LOST)) {
            String month = YearMonth.from(periods.date(deal.closedAt())).toString();
            long cycleMillis = Duration.between(deal.openedAt(), deal.closedAt()).toMillis();
            for (String subject : subjects) {
                contributions.add(ForecastContribution.coverageClosed(deal.pipelineId(), subject, month,
                        deal.amount(), deal.status(), cycleMillis));
            }
        }
        return contributions;
    }

    /** The deal's contributions of the kinds chosen, by {@link ForecastContribution#slot() slot}. */
    static Map<String, ForecastContribution> bySlot(ForecastDeal deal, CompanyPeriods periods,
                                                    Predicate<ForecastContribution.Kind> kinds) {
        Map<String, ForecastContribution> bySlot = new LinkedHashMap<>();
        of(deal, periods).stream().filter(contribution -> kinds.test(contribution.kind()))
                .forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }

    static String subject(SubjectType type, String id) {
        return type.key() + ":" + id;
    }
}
