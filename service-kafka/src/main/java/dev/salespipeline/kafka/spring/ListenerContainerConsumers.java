package dev.salespipeline.kafka.spring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.salespipeline.kafka.WatchedConsumer;
import dev.salespipeline.kafka.WatchedConsumers;

/** Every Spring Kafka listener container with a consumer group. */
public class ListenerContainerConsumers implements WatchedConsumers {

    private final KafkaListenerEndpointRegistry registry;

    public ListenerContainerConsumers(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Collection<WatchedConsumer> consumers() {
        List<WatchedConsumer> consumers = new ArrayList<>();
        for (MessageListenerContainer container : registry.getAllListenerContainers()) {
            String group = container.getGroupId();
            if (group == null) {
                continue;
            }
            consumers.add(new WatchedConsumer(group, () -> {
                Collection<org.apache.kafka.common.TopicPartition> assigned = container.getAssignedPartitions();
                return container.isRunning() && assigned != null ? assigned : List.of();
            }));
        }
        return consumers;
    }
}
