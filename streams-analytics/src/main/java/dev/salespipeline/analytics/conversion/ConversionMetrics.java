package dev.salespipeline.analytics.conversion;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionTable;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.metrics.StageConversion;

/**
 * The cohort rows joined with their pipeline's current definition, without a foreign-key join: every pipeline
 * definition is broadcast to every partition of the cohort aggregate ({@link #BROADCAST}), where a copy of all
 * definitions is kept (store {@value ConversionTopology#PIPELINES_STORE}), next to the cohorts.
 *
 * <ul>
 *   <li>A cohort row that changes ({@link #cohortChanges}) is worked out with its pipeline's definition, if that
 *       is known yet (as the inner join did): one row, no record through another topic.</li>
 *   <li>A definition that changes ({@link #definitionChanges}) works out again every cohort row of its pipeline on
 *       that partition, found by a prefix scan of the cohort store (keys start with the pipeline id), so a renamed
 *       or reordered stage re-emits the pipeline's rows at once. A redelivered definition, equal to the one kept,
 *       sends nothing.</li>
 * </ul>
 *
 * <p>The foreign-key join sent each cohort change to the pipeline's partition and back with the whole definition
 * (three records per change: subscription, its store's changelog, response); a definition is now sent once per
 * partition when it changes, which is rare.
 */
final class ConversionMetrics {

    /** Sends each record to every partition of the topic. */
    static final StreamPartitioner<String, PipelineDefinitionState> BROADCAST = (topic, key, value, partitions) ->
            Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet()));

    private static final JsonSerde<StageConversion> CONVERSION = JsonSerde.of(StageConversion.class);

    private ConversionMetrics() {
    }

    /** The definitions as they arrive on the broadcast topic: kept, and every cohort row of the pipeline again. */
    static ProcessorSupplier<String, PipelineDefinitionState, String, StageConversion> definitionChanges(
            Function<String, KeyValueBytesStoreSupplier> stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.PIPELINES_STORE), Serdes.String(),
                                PipelineDefinitionTable.SERDE).withCachingEnabled(),
                        Stores.keyValueStoreBuilder(stores.apply(ConversionTopology.CONVERSION_STORE), Serdes.String(),
                                CONVERSION).withCachingEnabled());
            }

            @Override
            public Processor<String, PipelineDefinitionState, String, StageConversion> get() {
                return new Processor<>() {
                    private ProcessorContext<String, StageConversion> context;
                    private KeyValueStore<String, PipelineDefinitionState> pipelines;
                    private TimestampedKeyValueStore<String, CohortCounts> cohorts;
                    private KeyValueStore<String, StageConversion> conversions;

                    @Override
                    public void init(ProcessorContext<String, StageConversion> context) {
                        this.context = context;
                        this.pipelines = context.getStateStore(ConversionTopology.PIPELINES_STORE);
                        this.cohorts = context.getStateStore(ConversionTopology.COHORT_STORE);
                        this.conversions = context.getStateStore(ConversionTopology.CONVERSION_STORE);
                    }

                    @Override
                    public void process(Record<String, PipelineDefinitionState> record) {
                        String pipelineId = record.key();
                        PipelineDefinitionState state = record.value();
                        if (pipelineId == null || state == null
                                || Objects.equals(pipelines.get(pipelineId), state)) {
                            return;
                        }
                        pipelines.put(pipelineId, state);
                        try (KeyValueIterator<String, ValueAndTimestamp<CohortCounts>> rows =
                                     cohorts.prefixScan(pipelineId + "|", new StringSerializer())) {
                            while (rows.hasNext()) {
                                KeyValue<String, ValueAndTimestamp<CohortCounts>> row = rows.next();
                                CohortCounts counts = ValueAndTimestamp.getValueOrNull(row.value);
                                // the prefix also matches pipeline ids that start with this one and a '|'
                                if (counts != null && counts.key().pipelineId().equals(pipelineId)) {
                                    StageConversion conversion = StageConversions.of(counts, state.definition());
                                    conversions.put(row.key, conversion);
                                    context.forward(record.withKey(row.key).withValue(conversion));
                                }
                            }
                        }
                    }
                };
            }
        };
    }

    /** The cohort rows as the aggregate emits them, worked out with the definition kept for their pipeline. */
    static ProcessorSupplier<String, CohortCounts, String, StageConversion> cohortChanges() {
        return () -> new Processor<>() {
            private ProcessorContext<String, StageConversion> context;
            private KeyValueStore<String, PipelineDefinitionState> pipelines;
            private KeyValueStore<String, StageConversion> conversions;

            @Override
            public void init(ProcessorContext<String, StageConversion> context) {
                this.context = context;
                this.pipelines = context.getStateStore(ConversionTopology.PIPELINES_STORE);
                this.conversions = context.getStateStore(ConversionTopology.CONVERSION_STORE);
            }

            @Override
            public void process(Record<String, CohortCounts> record) {
                if (record.value() == null) {
                    if (conversions.delete(record.key()) != null) {
                        context.forward(record.<StageConversion>withValue(null));
                    }
                    return;
                }
                PipelineDefinitionState pipeline = pipelines.get(record.value().key().pipelineId());
                if (pipeline == null) {
                    return;
                }
                StageConversion conversion = StageConversions.of(record.value(), pipeline.definition());
                conversions.put(record.key(), conversion);
                context.forward(record.withValue(conversion));
            }
        };
    }
}
