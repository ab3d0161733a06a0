package dev.salespipeline.query.health;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * UP when the Kafka cluster answers and the event listener is running; the partitions it holds
 * are listed (none is normal for an idle replica of a consumer group).
 */
@Component("kafkaHealthIndicator")
class EventConsumerHealthIndicator implements HealthIndicator, DisposableBean {

    private static final int TIMEOUT_MS = 3_000;

    private final KafkaListenerEndpointRegistry listeners;
    private final AdminClient admin;

    EventConsumerHealthIndicator(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin) {
        this.listeners = listeners;
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    @Override
    public Health health() {
        MessageListenerContainer container = listeners.getListenerContainer("pipeline-events");
        Health.Builder health;
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            health = Health.up().withDetail("nodes", nodes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            health = Health.down(e);
        }
        if (container == null || !container.isRunning()) {
            return health.down().withDetail("listener", "stopped").build();
        }
        Collection<TopicPartition> assigned = container.getAssignedPartitions();
        return health.withDetail("listener", "running")
                .withDetail("assignedPartitions", assigned == null ? 0 : assigned.size())
                .build();
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
