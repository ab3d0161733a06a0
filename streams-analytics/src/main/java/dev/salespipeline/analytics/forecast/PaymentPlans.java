package dev.salespipeline.analytics.forecast;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PaymentPlan;
import dev.salespipeline.api.metrics.PaymentPlanDeal;
import dev.salespipeline.api.metrics.PaymentPlanTotal;

/**
 * The payment plan rows of the pipelines whose deal recounts reach this partition (keyed by pipeline id): a
 * recount that changes the deal's entry in the plan (an open deal with an amount and an expected close date)
 * updates the plan of the deal's owner, as last counted and now, and of all owners; any other sends nothing.
 *
 * <p>The open deals with an amount and an expected close date are kept by pipeline, date and deal
 * (store {@value ForecastTopology#PLAN_DEALS_STORE}, key {@code pipelineId|yyyy-MM-dd|dealId}), so that a plan is
 * a range read of the dates from today to the end of the horizon. The rows last written are kept (store
 * {@value ForecastTopology#PLAN_ROWS_STORE}); a row is written only when it differs from the one last written.
 *
 * <p><b>Today moves with the wall clock.</b> "Today" is the company's date at the processing context's system
 * time (so that tests drive it). A punctuation on wall-clock time checks the date every scan interval; when it
 * has rolled over, every row is worked out again for the new day and written, without any event. A deal change
 * read after midnight and before the next scan rolls the rows first.
 */
final class PaymentPlans implements ProcessorSupplier<String, Recount<ForecastDeal>, String, PaymentPlan> {

    private static final String ALL_OWNERS = MetricKey.ALL;

    private final KeyValueBytesStoreSupplier dealsStore;
    private final KeyValueBytesStoreSupplier rowsStore;
    private final CompanyPeriods periods;
    private final Duration scanInterval;

    PaymentPlans(KeyValueBytesStoreSupplier dealsStore, KeyValueBytesStoreSupplier rowsStore, CompanyPeriods periods,
                 Duration scanInterval) {
        this.dealsStore = dealsStore;
        this.rowsStore = rowsStore;
        this.periods = periods;
        this.scanInterval = Objects.requireNonNull(scanInterval, "scanInterval");
        if (scanInterval.isNegative() || scanInterval.isZero()) {
            throw new IllegalArgumentException("scanInterval must be positive: " + scanInterval);
        }
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(dealsStore, Serdes.String(), JsonSerde.of(ForecastContribution.class))
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(rowsStore, Serdes.String(), JsonSerde.of(PaymentPlan.class))
                        .withCachingEnabled());
    }

    @Override
    public Processor<String, Recount<ForecastDeal>, String, PaymentPlan> get() {
        return new Plans();
    }

    private final class Plans implements Processor<String, Recount<ForecastDeal>, String, PaymentPlan> {

        private ProcessorContext<String, PaymentPlan> context;
        private KeyValueStore<String, ForecastContribution> deals;
        private KeyValueStore<String, PaymentPlan> rows;
        /** The company's date the rows were last worked out for; null until the first check after a start. */
        private LocalDate rowsOf;

        @Override
        public void init(ProcessorContext<String, PaymentPlan> context) {
            this.context = context;
            this.deals = context.getStateStore(dealsStore.name());
            this.rows = context.getStateStore(rowsStore.name());
            context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, this::rollIfNewDay);
        }

        @Override
        public void process(Record<String, Recount<ForecastDeal>> record) {
            Recount<ForecastDeal> recount = record.value();
            if (record.key() == null || recount == null) {
                return;
            }
            ForecastContribution removed = entry(recount.before());
            ForecastContribution added = entry(recount.after());
            if (Objects.equals(removed, added)) {
                return;
            }
            long now = context.currentSystemTimeMs();
            rollIfNewDay(now);
            Set<String> owners = new LinkedHashSet<>(Arrays.asList(ALL_OWNERS));
            if (removed != null) {
                deals.delete(dealKey(removed));
                owners.add(removed.ownerId());
            }
            if (added != null) {
                deals.put(dealKey(added), added);
                owners.add(added.ownerId());
            }
            String pipelineId = (added != null ? added : removed).pipelineId();
            for (String owner : owners) {
                update(pipelineId, owner, rowsOf, now);
            }
        }

        /** The deal's entry in the plan, null for none. */
        private ForecastContribution entry(ForecastDeal deal) {
            return ForecastContributions.bySlot(deal, periods, kind -> kind == ForecastContribution.Kind.PLAN)
                    .values().stream().findFirst().orElse(null);
        }

        private void rollIfNewDay(long now) {
            LocalDate today = periods.date(Instant.ofEpochMilli(now));
            if (today.equals(rowsOf)) {
                return;
            }
            rowsOf = today;
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, PaymentPlan> all = rows.all()) {
                while (all.hasNext()) {
                    keys.add(all.next().key);
                }
            }
            // written after the scan, not while iterating over the store
            for (String key : keys) {
                int bar = key.lastIndexOf('|');
                update(key.substring(0, bar), key.substring(bar + 1), today, now);
            }
        }

        private void update(String pipelineId, String owner, LocalDate today, long now) {
            String key = PaymentPlan.key(pipelineId, ALL_OWNERS.equals(owner) ? null : owner);
            PaymentPlan plan = plan(pipelineId, ALL_OWNERS.equals(owner) ? null : owner, today);
            if (!plan.equals(rows.get(key))) {
                rows.put(key, plan);
                context.forward(new Record<>(key, plan, now));
            }
        }

        private PaymentPlan plan(String pipelineId, String ownerId, LocalDate today) {
            LocalDate tomorrow = today.plusDays(1);
            LocalDate weekEnd = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            LocalDate last = weekEnd.isAfter(tomorrow) ? weekEnd : tomorrow;
            Map<String, Total> tomorrowTotals = new TreeMap<>();
            Map<String, Total> weekTotals = new TreeMap<>();
            List<PaymentPlanDeal> planDeals = new ArrayList<>();
            try (KeyValueIterator<String, ForecastContribution> range = deals.range(pipelineId + "|" + today,
                    pipelineId + "|" + last + "|\uffff")) {
                while (range.hasNext()) {
                    KeyValue<String, ForecastContribution> entry = range.next();
                    ForecastContribution deal = entry.value;
                    if (ownerId != null && !ownerId.equals(deal.ownerId())) {
                        continue;
                    }
                    LocalDate date = deal.expectedCloseDate();
                    if (date.equals(tomorrow)) {
                        tomorrowTotals.computeIfAbsent(deal.currency(), c -> new Total()).add(deal);
                    }
                    if (!date.isAfter(weekEnd)) {
                        weekTotals.computeIfAbsent(deal.currency(), c -> new Total()).add(deal);
                    }
                    planDeals.add(deal.planDeal());
                }
            }
            return new PaymentPlan(pipelineId, ownerId, today, tomorrow, weekEnd, totals(tomorrowTotals),
                    totals(weekTotals), planDeals);
        }
    }

    private static List<PaymentPlanTotal> totals(Map<String, Total> byCurrency) {
        List<PaymentPlanTotal> totals = new ArrayList<>();
        byCurrency.forEach((currency, total) -> totals.add(new PaymentPlanTotal(currency, total.deals,
                Amounts.plain(total.amount), Amounts.plain(total.weighted))));
        return totals;
    }

    static String dealKey(ForecastContribution plan) {
        return plan.pipelineId() + "|" + plan.expectedCloseDate() + "|" + plan.dealId();
    }

    /** Running totals of one currency. */
    private static final class Total {
        private long deals;
        private BigDecimal amount = BigDecimal.ZERO;
        private BigDecimal weighted = BigDecimal.ZERO;

        void add(ForecastContribution deal) {
            deals++;
            amount = amount.add(deal.amount());
            weighted = weighted.add(deal.weightedAmount());
        }
    }
}
