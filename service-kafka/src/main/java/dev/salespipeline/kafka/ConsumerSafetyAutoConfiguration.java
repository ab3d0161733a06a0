package dev.salespipeline.kafka;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import dev.salespipeline.kafka.spring.ListenerContainerConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Watches this service's consumers ({@link ConsumerWatch}, the {@code consumers} health indicator) and serves
 * {@code /admin/dead-letters} ({@code pipeline.consumers.dead-letter-endpoint}, on by default). Spring Kafka listener
 * containers are watched by themselves; other consumers (Kafka Streams) are added as {@link WatchedConsumers} beans.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
})
@EnableConfigurationProperties(ConsumerWatchProperties.class)
public class ConsumerSafetyAutoConfiguration {

    @Bean(destroyMethod = "close")
    Admin consumerWatchAdmin(ConsumerWatchProperties properties) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "consumer-watch",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Bean
    ConsumerWatch consumerWatch(Admin consumerWatchAdmin, ConsumerWatchProperties properties,
                                ObjectProvider<MeterRegistry> meters, ObjectProvider<WatchedConsumers> consumers) {
        return new ConsumerWatch(consumerWatchAdmin, meters.getIfAvailable(SimpleMeterRegistry::new),
                properties.stuckAfter(), Clock.systemUTC(), consumers.orderedStream().toList());
    }

    @Bean
    SmartLifecycle consumerWatchSampler(ConsumerWatch watch, ConsumerWatchProperties properties) {
        return new Sampler(watch, properties.sampleInterval().toMillis());
    }

    @Bean("consumersHealthIndicator")
    ConsumerHealthIndicator consumersHealthIndicator(ConsumerWatch watch) {
        return new ConsumerHealthIndicator(watch);
    }

    @Bean
    DeadLetters deadLetterTopics(ConsumerWatchProperties properties) {
        return new DeadLetters(properties.bootstrapServers());
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.consumers.dead-letter-endpoint", havingValue = "true", matchIfMissing = true)
    DeadLetterController deadLetterTopicsController(DeadLetters deadLetterTopics) {
        return new DeadLetterController(deadLetterTopics);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaListenerEndpointRegistry.class)
    static class ListenerContainers {

        @Bean
        @ConditionalOnBean(KafkaListenerEndpointRegistry.class)
        WatchedConsumers listenerContainerConsumers(KafkaListenerEndpointRegistry registry) {
            return new ListenerContainerConsumers(registry);
        }
    }

    /** Samples positions on a thread of its own while the application runs. */
    static final class Sampler implements SmartLifecycle {

        private final ConsumerWatch watch;
        private final long intervalMillis;
        private volatile ScheduledExecutorService executor;

        Sampler(ConsumerWatch watch, long intervalMillis) {
            this.watch = watch;
            this.intervalMillis = intervalMillis;
        }

        @Override
        public void start() {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "consumer-watch");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(watch::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            executor = scheduler;
        }

        @Override
        public void stop() {
            ScheduledExecutorService scheduler = executor;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            executor = null;
        }

        @Override
        public boolean isRunning() {
            return executor != null;
        }
    }
}
