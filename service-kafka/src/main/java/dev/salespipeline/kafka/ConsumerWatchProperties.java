package dev.salespipeline.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers are watched ({@code pipeline.consumers.*}).
 *
 * @param bootstrapServers where the watched consumer groups live
 * @param stuckAfter       a partition with records to read whose consumer has not advanced for this long is stuck, and
 *                         health is DOWN; also how long positions may go unread (Kafka unreachable) before it is
 * @param sampleInterval   how often committed offsets and end offsets are read
 * @param deadLetterEndpoint whether {@code /admin/dead-letters} is served by this service
 */
@ConfigurationProperties("pipeline.consumers")
public record ConsumerWatchProperties(@DefaultValue("localhost:9092") String bootstrapServers,
                                      @DefaultValue("60s") Duration stuckAfter,
                                      @DefaultValue("5s") Duration sampleInterval,
                                      @DefaultValue("true") boolean deadLetterEndpoint) {
}
