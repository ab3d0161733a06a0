package dev.salespipeline.analytics.conversion;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.OpenedDeals;

/**
 * Deals opened per pipeline: the cohort size that lead-to-win divides by.
 *
 * <p>Opening events are first kept in a table keyed by deal id, then counted per pipeline. A
 * redelivered opening event replaces its own row instead of adding one, so the count is exact
 * under at-least-once delivery.
 */
public final class OpenedDealsTopology {

    public static final String OPENED_BY_DEAL_STORE = "opened-deals-by-deal";
    public static final String OPENED_PER_PIPELINE_STORE = "opened-deals-per-pipeline";

    private static final JsonSerde<DealOpened> DEAL_OPENED = JsonSerde.of(DealOpened.class);
    private static final JsonSerde<OpenedDeals> OPENED_DEALS = JsonSerde.of(OpenedDeals.class);

    public void buildTopology(KStream<String, EventEnvelope<DomainEvent>> events) {
        KTable<String, DealOpened> openedByDeal = events
                .flatMapValues(envelope -> PipelineEvents.payload(envelope, DealOpened.class).stream().toList(),
                        Named.as("opened-deals-select"))
                .toTable(Named.as("opened-deals-to-table"),
                        Materialized.<String, DealOpened, KeyValueStore<Bytes, byte[]>>as(OPENED_BY_DEAL_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(DEAL_OPENED));

        openedByDeal
                .groupBy((dealId, opened) -> KeyValue.pair(opened.pipelineId(), opened),
                        Grouped.with("opened-deals-by-pipeline", Serdes.String(), DEAL_OPENED))
                .count(Named.as("opened-deals-count"),
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(OPENED_PER_PIPELINE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long()))
                .toStream(Named.as("opened-deals-changes"))
                .mapValues((pipelineId, count) -> new OpenedDeals(pipelineId, count), Named.as("opened-deals-metric"))
                .to(Topics.METRICS_OPENED_DEALS,
                        Produced.with(Serdes.String(), OPENED_DEALS).withName("opened-deals-sink"));
    }
}
