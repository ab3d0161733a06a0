package dev.salespipeline.analytics.velocity;

import java.time.Instant;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesVelocity;

/**
 * Sales velocity rows, from velocity deltas keyed by pipeline, owner, channel and currency, so that the open
 * deals of such a cut and its closed deals of every period meet on one partition.
 *
 * <p>Open deals are a figure of the present, the other factors of a period. The count of open deals per cut
 * and currency is kept with the latest business time that changed it (store {@code sales-velocity-open-deals}).
 * Each change sets that count on the cut's rows for the periods holding that latest time, the periods under
 * way; a period that is over keeps the count it had after its last change, the open deals at its end. Closed
 * deals change the row of the period of their close (store {@code sales-velocity-metrics}).
 */
final class SalesVelocities implements ProcessorSupplier<String, VelocityDelta, String, SalesVelocity> {

    /** Open deals of one cut and currency and the latest business time that changed them. */
    public record OpenDeals(long deals, Instant latestChangeAt) {
    }

    private final KeyValueBytesStoreSupplier openStore;
    private final KeyValueBytesStoreSupplier metricsStore;
    private final CompanyPeriods periods;

    SalesVelocities(KeyValueBytesStoreSupplier openStore, KeyValueBytesStoreSupplier metricsStore,
                    CompanyPeriods periods) {
        this.openStore = openStore;
        this.metricsStore = metricsStore;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(openStore, Serdes.String(),
                        JsonSerde.of(OpenDeals.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(metricsStore, Serdes.String(),
                        JsonSerde.of(VelocityFigures.class)).withCachingEnabled());
    }

    @Override
    public Processor<String, VelocityDelta, String, SalesVelocity> get() {
        return new Processor<>() {
            private ProcessorContext<String, SalesVelocity> context;
            private KeyValueStore<String, OpenDeals> openDeals;
            private KeyValueStore<String, VelocityFigures> rows;

            @Override
            public void init(ProcessorContext<String, SalesVelocity> context) {
                this.context = context;
                this.openDeals = context.getStateStore(openStore.name());
                this.rows = context.getStateStore(metricsStore.name());
            }

            @Override
            public void process(Record<String, VelocityDelta> record) {
                VelocityDelta delta = record.value();
                VelocityContribution any = delta.any();
                Instant at = Instant.ofEpochMilli(record.timestamp());
                OpenDeals open = openDeals.get(record.key());
                if (open == null) {
                    open = new OpenDeals(0, at);
                }
                Instant latest = open.latestChangeAt().isAfter(at) ? open.latestChangeAt() : at;
                if (any.kind() == VelocityContribution.Kind.VELOCITY_OPEN) {
                    long deals = open.deals() + (delta.added() != null ? 1 : 0) - (delta.removed() != null ? 1 : 0);
                    open = new OpenDeals(deals, latest);
                    openDeals.put(record.key(), open);
                    for (PeriodType type : PeriodType.values()) {
                        MetricKey key = new MetricKey(any.pipelineId(), any.ownerId(), any.sourceChannel(), type,
                                periods.label(type, latest));
                        String rowKey = SalesVelocity.key(key, any.currency());
                        VelocityFigures row = rows.get(rowKey);
                        update(record, rowKey, (row == null ? VelocityFigures.empty(key, any.currency()) : row)
                                .withOpenDeals(deals, latest));
                    }
                    return;
                }
                String rowKey = any.velocityKey();
                VelocityFigures row = rows.get(rowKey);
                if (row == null) {
                    row = VelocityFigures.empty(any.metricKey(), any.currency());
                }
                if (delta.removed() != null) {
                    row = row.withClosed(delta.removed(), -1);
                }
                if (delta.added() != null) {
                    row = row.withClosed(delta.added(), 1);
                }
                if (periods.label(any.periodType(), latest).equals(any.period())) {
                    row = row.withOpenDeals(open.deals(), latest);
                }
                openDeals.put(record.key(), new OpenDeals(open.deals(), latest));
                update(record, rowKey, row);
            }

            private void update(Record<String, VelocityDelta> record, String rowKey, VelocityFigures row) {
                rows.put(rowKey, row);
                context.forward(record.withKey(rowKey).withValue(row.metric()));
            }
        };
    }
}
