package dev.salespipeline.query.live;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Kafka consumers outside any consumer group, for reading partitions by hand: the same connection
 * settings as the projections' consumers, no group, no committed offsets.
 */
@Component
class LiveConsumers {

    private final Map<String, Object> settings;

    LiveConsumers(ConsumerFactory<?, ?> consumerFactory) {
        Map<String, Object> settings = new HashMap<>(consumerFactory.getConfigurationProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        settings.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Below the start of a partition (compacted or expired records), read from its start.
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.settings = Map.copyOf(settings);
    }

    KafkaConsumer<String, String> create() {
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }
}
