package dev.salespipeline.query.live;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Replays to a reconnecting client the changes it missed: reads each partition of its channel's topics
 * from after the client's position up to the hub's, with a consumer of its own that lives as long as
 * the replay.
 */
@Component
class Replayer {

    private static final Duration POLL = Duration.ofMillis(200);

    private final LiveConsumers consumers;
    private final ChangeDecoder decoder;
    private final Duration timeout;

    Replayer(LiveConsumers consumers, ChangeDecoder decoder, LiveProperties properties) {
        this.consumers = consumers;
        this.decoder = decoder;
        this.timeout = properties.replayTimeout();
    }

    /**
     * Delivers to the subscription, in order per partition, every change of its channel after {@code from}
     * and up to {@code upTo}.
     *
     * @throws TimeoutException if it takes longer than allowed
     */
    void replay(Subscription subscription, Map<TopicPartition, Long> from, Map<TopicPartition, Long> upTo)
            throws TimeoutException {
        Set<TopicPartition> behind = new HashSet<>();
        upTo.forEach((partition, last) -> {
            if (from.getOrDefault(partition, -1L) < last) {
                behind.add(partition);
            }
        });
        if (behind.isEmpty()) {
            return;
        }
        Instant deadline = Instant.now().plus(timeout);
        Map<TopicPartition, Long> position = new HashMap<>(from);
        try (KafkaConsumer<String, String> consumer = consumers.create()) {
            consumer.assign(behind);
            behind.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, -1L) + 1));
            while (!behind.isEmpty() && !subscription.isClosed()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("replay did not finish within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() > upTo.get(partition)) {
                        // The hub offers it live.
                        continue;
                    }
                    position.put(partition, record.offset());
                    LiveChange change = decoder.decode(record, false, true);
                    LiveChange shown = change == null ? null : subscription.channel().view(change);
                    if (shown != null) {
                        subscription.replayed(shown, Map.copyOf(position));
                    }
                }
                for (TopicPartition partition : Set.copyOf(behind)) {
                    if (consumer.position(partition) > upTo.get(partition)) {
                        consumer.pause(Set.of(partition));
                        behind.remove(partition);
                    }
                }
            }
        }
    }
}
