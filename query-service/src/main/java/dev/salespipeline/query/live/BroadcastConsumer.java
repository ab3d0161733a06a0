package dev.salespipeline.query.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.Topics;
import dev.salespipeline.query.metrics.MetricTopics;

/**
 * Reads every partition of the event topic and of the metric topics from their end, on every instance
 * (no consumer group), and hands each record to the {@link ChangeHub}: so each instance serves its
 * clients all changes, whichever instance projected them.
 */
@Component
class BroadcastConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BroadcastConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final LiveConsumers consumers;
    private final ChangeDecoder decoder;
    private final ChangeHub hub;
    private volatile boolean running;
    /** Counted down on stop, so that a back-off ends at once instead of delaying the shutdown. */
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    BroadcastConsumer(LiveConsumers consumers, ChangeDecoder decoder, ChangeHub hub) {
        this.consumers = consumers;
        this.decoder = decoder;
        this.hub = hub;
    }

    @Override
    public synchronized void start() {
        running = true;
        stopping = new CountDownLatch(1);
        consumer = consumers.create();
        thread = new Thread(this::run, "live-broadcast");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, String> reader = consumer) {
            boolean assigned = false;
            while (running) {
                try {
                    if (!assigned) {
                        assigned = assign(reader);
                        if (!assigned) {
                            backOff();
                        }
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                        hub.publish(new TopicPartition(record.topic(), record.partition()), record.offset(),
                                decode(record));
                    }
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("Reading live changes failed; retrying", e);
                    backOff();
                }
            }
        }
    }

    private LiveChange decode(ConsumerRecord<String, String> record) {
        try {
            return decoder.decode(record, true, hub.interested());
        } catch (RuntimeException e) {
            // The read models still get it; only the notice is lost.
            log.warn("Cannot broadcast record {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
            return null;
        }
    }

    /** Takes every partition, from its end; false while a topic does not exist yet. */
    private boolean assign(KafkaConsumer<String, String> reader) {
        List<String> topics = new ArrayList<>();
        topics.add(Topics.PIPELINE_EVENTS);
        topics.addAll(MetricTopics.topics());
        topics.addAll(Topics.ALERT_TOPICS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = reader.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                log.info("Waiting for topic {} to exist", topic);
                return false;
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        reader.assign(partitions);
        reader.seekToEnd(partitions);
        Map<TopicPartition, Long> last = new HashMap<>();
        partitions.forEach(partition -> last.put(partition, reader.position(partition) - 1));
        hub.assigned(last);
        log.info("Broadcasting live changes of {} partitions from {}", partitions.size(), last);
        return true;
    }

    /** Waits before trying again, or until the consumer is stopped, whichever comes first. */
    private void backOff() {
        try {
            stopping.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
