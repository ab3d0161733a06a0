package dev.salespipeline.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Several command-service instances share the publisher's two segments: while another instance says it is alive in
 * {@code processor_instances}, this one gives one segment up, and the events of that segment's deals wait for the
 * other instance; once it is gone, this instance claims the segment back and publishes them.
 */
class SegmentBalancerIntegrationTest extends CommandServiceTestBase {

    private static final String PUBLISHER = "kafka-publisher";

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void anotherInstanceIsGivenOneSegmentWhichComesBackWhenItIsGone() {
        TrackingEventProcessor publisher = processing.eventProcessor(PUBLISHER, TrackingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.processingStatus().size() == 2);

        String peer = "peer-" + UUID.randomUUID();
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor();
        renewal.scheduleWithFixedDelay(() -> jdbc.update("insert into processor_instances (instance_id, seen_at) "
                + "values (?, now()) on conflict (instance_id) do update set seen_at = now()", peer),
                0, 1, TimeUnit.SECONDS);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.processingStatus().size() == 1);
            int released = IntStream.range(0, 2)
                    .filter(segment -> !publisher.processingStatus().containsKey(segment))
                    .findFirst()
                    .orElseThrow();
            String waiting = dealInSegment(released);
            String published = dealInSegment(1 - released);
            assertThat(post("/deals", openDeal(waiting), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(post("/deals", openDeal(published), bearer(ANNA)).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);

            // the segment this instance kept is published; the other waits for the instance that took it over
            awaitPublished(published);
            assertThat(CommandServiceTestBase.published).noneMatch(record -> waiting.equals(record.key()));

            renewal.shutdownNow();
            jdbc.update("delete from processor_instances where instance_id = ?", peer);
            awaitPublished(waiting);
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.processingStatus().keySet(),
                    segments -> segments.equals(Set.of(0, 1)));
        } finally {
            renewal.shutdownNow();
            jdbc.update("delete from processor_instances where instance_id = ?", peer);
        }
    }
}
