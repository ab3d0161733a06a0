package dev.salespipeline.analytics.app;

import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.salespipeline.kafka.WatchedConsumer;
import dev.salespipeline.kafka.WatchedConsumers;

/**
 * The Kafka Streams application as a consumer to watch: its group is the application id, its partitions the input
 * partitions (the event topic and the repartition topics) of the tasks this instance runs, so that health turns DOWN
 * and the lag meters show it when a task stops advancing.
 */
@Component
class StreamsConsumer implements WatchedConsumers {

    private final AnalyticsStreams streams;

    StreamsConsumer(AnalyticsStreams streams) {
        this.streams = streams;
    }

    @Override
    public Collection<WatchedConsumer> consumers() {
        return List.of(new WatchedConsumer(streams.applicationId(), streams::inputPartitions));
    }
}
