package dev.salespipeline.analytics.conversion;

import static dev.salespipeline.analytics.EventMother.dealOpened;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.OpenedDeals;

class OpenedDealsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");

    @Test
    void countsEachOpenedDealOncePerPipelineEvenWhenRedelivered() {
        StreamsBuilder builder = new StreamsBuilder();
        new OpenedDealsTopology().buildTopology(PipelineEvents.stream(builder));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config())) {
            TestInputTopic<String, EventEnvelope<DealOpened>> events = driver.createInputTopic(Topics.PIPELINE_EVENTS,
                    Serdes.String().serializer(), JsonSerde.<EventEnvelope<DealOpened>>of(
                            new tools.jackson.core.type.TypeReference<>() { }).serializer());
            TestOutputTopic<String, OpenedDeals> metrics = driver.createOutputTopic(Topics.METRICS_OPENED_DEALS,
                    Serdes.String().deserializer(), JsonSerde.of(OpenedDeals.class).deserializer());

            EventEnvelope<DealOpened> first = dealOpened("deal-1", "sales", T0);
            events.pipeInput("deal-1", first, T0);
            events.pipeInput("deal-2", dealOpened("deal-2", "sales", T0.plusSeconds(60)), T0.plusSeconds(60));
            events.pipeInput("deal-3", dealOpened("deal-3", "legal", T0.plusSeconds(120)), T0.plusSeconds(120));
            events.pipeInput("deal-1", first, T0.plusSeconds(180));

            Map<String, OpenedDeals> latest = metrics.readKeyValuesToMap();
            assertThat(latest).containsEntry("sales", new OpenedDeals("sales", 2))
                    .containsEntry("legal", new OpenedDeals("legal", 1));

            KeyValueStore<String, Long> store = driver.getKeyValueStore(OpenedDealsTopology.OPENED_PER_PIPELINE_STORE);
            assertThat(store.get("sales")).isEqualTo(2L);
            assertThat(store.get("legal")).isEqualTo(1L);
        }
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "opened-deals-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return config;
    }
}
