package dev.salespipeline.analytics.app;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while Kafka Streams runs or rebalances; DOWN once it has failed or is shutting down.
 * Kafka Streams reconnects to the brokers by itself, so a broker outage shows as REBALANCING, not
 * as an error.
 */
@Component("kafkaStreamsHealthIndicator")
class StreamsHealthIndicator implements HealthIndicator {

    private final AnalyticsStreams streams;

    StreamsHealthIndicator(AnalyticsStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
