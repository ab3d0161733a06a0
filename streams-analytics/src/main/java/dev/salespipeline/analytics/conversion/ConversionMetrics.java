package dev.salespipeline.analytics.conversion;

import java.util.Objects;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.api.metrics.StageConversion;

/**
 * The cohort rows with their pipeline's current definition, without a foreign-key join: the definitions are
 * repartitioned by pipeline id, as the deals' recounts are, so a pipeline's definition reaches the partition that
 * holds all of its rows, where it is kept (store {@value ConversionTopology#PIPELINES_STORE}) next to the cohorts.
 *
 * <p>A definition that changes works out again every cohort row of its pipeline, found by a prefix scan of the
 * cohort store (keys start with the pipeline id), so a renamed or reordered stage re-emits the pipeline's rows at
 * once and no deal is processed again. A redelivered definition, equal to the one kept, sends nothing. A cohort
 * changed by a deal ({@link ConversionCells}) is worked out with the definition kept, if that is known yet.
 */
final class ConversionMetrics {

    private ConversionMetrics() {
    }

    /**
     * The definitions as they arrive on their repartition topic: kept, and every cohort row of the pipeline sent
     * again at once. The stores are those of {@link ConversionCells}, on the same partition.
     */
    static ProcessorSupplier<String, PipelineDefinitionState, String, Object> definitionChanges() {
        return () -> new Processor<>() {
            private ProcessorContext<String, Object> context;
            private KeyValueStore<String, PipelineDefinitionState> pipelines;
            private KeyValueStore<String, CohortCounts> cohorts;
            private KeyValueStore<String, StageConversion> conversions;

            @Override
            public void init(ProcessorContext<String, Object> context) {
                this.context = context;
                this.pipelines = context.getStateStore(ConversionTopology.PIPELINES_STORE);
                this.cohorts = context.getStateStore(ConversionTopology.COHORT_STORE);
                this.conversions = context.getStateStore(ConversionTopology.CONVERSION_STORE);
            }

            @Override
            public void process(Record<String, PipelineDefinitionState> record) {
                String pipelineId = record.key();
                PipelineDefinitionState state = record.value();
                if (pipelineId == null || state == null || Objects.equals(pipelines.get(pipelineId), state)) {
                    return;
                }
                pipelines.put(pipelineId, state);
                Record<String, Object> out = record.<Object>withValue(null)
                        .withTimestamp(context.currentStreamTimeMs());
                try (KeyValueIterator<String, CohortCounts> rows =
                             cohorts.prefixScan(pipelineId + "|", new StringSerializer())) {
                    while (rows.hasNext()) {
                        KeyValue<String, CohortCounts> row = rows.next();
                        // the prefix also matches pipeline ids that start with this one and a '|'
                        if (row.value != null && row.value.key().pipelineId().equals(pipelineId)) {
                            StageConversion conversion = StageConversions.of(row.value, state.definition());
                            conversions.put(row.key, conversion);
                            context.forward(out.withKey(row.key).withValue(conversion));
                        }
                    }
                }
            }
        };
    }
}
