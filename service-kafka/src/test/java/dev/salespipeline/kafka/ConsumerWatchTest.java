package dev.salespipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.WithInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The stuck-partition rule on a real broker: records waiting and no advance for longer than the limit. */
@WithInfrastructure
class ConsumerWatchTest {

    @Test
    void aPartitionWithRecordsWaitingAndNoAdvanceIsStuckUntilItsConsumerCommitsPastThem() throws Exception {
        String topic = "watch-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);
        String bootstrap = Infrastructure.shared().kafkaBootstrapServers();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            send(bootstrap, topic, 3);
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(1))).all().get();

            MovableClock clock = new MovableClock();
            ConsumerWatch watch = new ConsumerWatch(admin, meters, Duration.ofSeconds(60), clock,
                    List.of(() -> List.of(new WatchedConsumer(group, () -> List.of(partition)))));
            watch.sample();
            PartitionProgress progress = watch.progress().get(0);
            assertThat(progress.committedOffset()).isEqualTo(1);
            assertThat(progress.lag()).isEqualTo(2);
            assertThat(progress.stuck()).isFalse();
            assertThat(meters.get(ConsumerWatch.LAG).tag("consumer", group).gauge().value()).isEqualTo(2.0);

            watch.retrying(group, partition, 1, new java.net.SocketTimeoutException("read timed out"), 3);
            clock.advance(Duration.ofSeconds(61));
            watch.sample();
            progress = watch.progress().get(0);
            assertThat(progress.stuck()).isTrue();
            assertThat(progress.failure().offset()).isEqualTo(1);
            assertThat(progress.failure().exception()).isEqualTo("java.net.SocketTimeoutException");
            assertThat(new ConsumerHealthIndicator(watch).health().getStatus().getCode()).isEqualTo("DOWN");

            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(3))).all().get();
            watch.sample();
            progress = watch.progress().get(0);
            assertThat(progress.lag()).isZero();
            assertThat(progress.stuck()).isFalse();
            assertThat(progress.failure()).isNull();
            assertThat(new ConsumerHealthIndicator(watch).health().getStatus().getCode()).isEqualTo("UP");
        }
    }

    @Test
    void aPartitionThatIsNotAssignedHereAnyMoreIsNoLongerReported() throws Exception {
        String topic = "watch-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);
        String bootstrap = Infrastructure.shared().kafkaBootstrapServers();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<TopicPartition> assigned = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(partition));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            send(bootstrap, topic, 2);
            ConsumerWatch watch = new ConsumerWatch(admin, meters, Duration.ofMinutes(1), Clock.systemUTC(),
                    List.of(() -> List.of(new WatchedConsumer(group, () -> assigned))));
            watch.sample();
            // Nothing committed yet: the consumer starts from the partition's first offset.
            assertThat(watch.progress().get(0).lag()).isEqualTo(2);
            assigned.clear();
            watch.sample();
            assertThat(watch.progress()).isEmpty();
            assertThat(meters.find(ConsumerWatch.LAG).tag("consumer", group).gauge()).isNull();
        }
    }

    /** A clock that moves only when told to, so that "longer than the limit" needs no waiting. */
    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-12-01T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void send(String bootstrap, String topic, int records) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i)).get();
            }
        }
    }
}
