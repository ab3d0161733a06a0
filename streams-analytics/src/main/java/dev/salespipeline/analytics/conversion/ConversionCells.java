package dev.salespipeline.analytics.conversion;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.Recount;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionTable;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.WinRate;

/**
 * The family's rows of one pipeline, on the partition of the pipeline: a deal's recount (its part as last
 * counted out, its part now in) updates every row it touches there, the cohort of each period type under the
 * deal's owner and all owners, its channel and all channels, and the win rate of the period of its close, each
 * in its store ({@value ConversionTopology#COHORT_STORE}, {@value ConversionTopology#CLOSINGS_STORE}). Each
 * changed row is passed on, a cohort worked out with its pipeline's definition if that is known yet (store
 * {@value ConversionTopology#PIPELINES_STORE}, kept by {@link ConversionMetrics#definitionChanges}): a
 * {@code StageConversion} or a {@code WinRate}, which {@link dev.salespipeline.analytics.deal.LatestRows} writes to
 * its topic once per commit.
 *
 * <p>Rows are passed on with the task's stream time, which only grows, rather than the time of the deal's
 * change: rows of many deals meet here, and a table downstream takes an older time for an update out of order.
 */
final class ConversionCells implements ProcessorSupplier<String, Recount<ConversionPart>, String, Object> {

    private static final JsonSerde<CohortCounts> COHORT = JsonSerde.of(CohortCounts.class);
    private static final JsonSerde<WinRate> WIN_RATE = JsonSerde.of(WinRate.class);

    private final Function<String, KeyValueBytesStoreSupplier> stores;
    private final CompanyPeriods periods;

    ConversionCells(Function<String, KeyValueBytesStoreSupplier> stores, CompanyPeriods periods) {
        this.stores = stores;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.COHORT_STORE), Serdes.String(), COHORT)
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.CLOSINGS_STORE), Serdes.String(), WIN_RATE)
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.PIPELINES_STORE), Serdes.String(),
                        PipelineDefinitionTable.SERDE).withCachingEnabled());
    }

    @Override
    public Processor<String, Recount<ConversionPart>, String, Object> get() {
        return new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, CohortCounts> cohorts;
            private KeyValueStore<String, WinRate> closings;
            private KeyValueStore<String, PipelineDefinitionState> pipelines;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.cohorts = context.getStateStore(ConversionTopology.COHORT_STORE);
                this.closings = context.getStateStore(ConversionTopology.CLOSINGS_STORE);
                this.pipelines = context.getStateStore(ConversionTopology.PIPELINES_STORE);
            }

            @Override
            public void process(Record<String, Recount<ConversionPart>> record) {
                String pipelineId = record.key();
                Recount<ConversionPart> recount = record.value();
                if (pipelineId == null || recount == null) {
                    return;
                }
                Map<String, ConversionContribution> old = bySlot(
                        ConversionContributions.cells(pipelineId, recount.before(), periods));
                Map<String, ConversionContribution> now = bySlot(
                        ConversionContributions.cells(pipelineId, recount.after(), periods));
                Set<String> slots = new LinkedHashSet<>(old.keySet());
                slots.addAll(now.keySet());
                PipelineDefinitionState pipeline = pipelines.get(pipelineId);
                Record<String, Object> out = record.<Object>withValue(null)
                        .withTimestamp(context.currentStreamTimeMs());
                for (String slot : slots) {
                    ConversionContribution removed = old.get(slot);
                    ConversionContribution added = now.get(slot);
                    if (Objects.equals(removed, added)) {
                        continue;
                    }
                    ConversionContribution any = added != null ? added : removed;
                    MetricKey key = any.key();
                    String row = key.asString();
                    if (any.kind() == ConversionContribution.Kind.COHORT) {
                        CohortCounts counts = CohortCounts.apply(cohorts.get(row), key, removed, added);
                        cohorts.put(row, counts);
                        if (pipeline != null) {
                            context.forward(out.withKey(row).withValue(
                                    StageConversions.of(counts, pipeline.definition())));
                        }
                    } else {
                        WinRate winRate = WinRates.apply(closings.get(row), key, removed, added);
                        closings.put(row, winRate);
                        context.forward(out.withKey(row).withValue(winRate));
                    }
                }
            }
        };
    }

    private static Map<String, ConversionContribution> bySlot(List<ConversionContribution> contributions) {
        Map<String, ConversionContribution> bySlot = new LinkedHashMap<>();
        contributions.forEach(contribution -> bySlot.put(contribution.slot(), contribution));
        return bySlot;
    }
}
