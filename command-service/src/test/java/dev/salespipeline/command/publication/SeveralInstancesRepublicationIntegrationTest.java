package dev.salespipeline.command.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.salespipeline.command.CommandServiceApplication;
import dev.salespipeline.command.CommandServiceTestBase;
import tools.jackson.databind.JsonNode;

/**
 * A republication asked of one command-service instance while another holds a segment of the publisher: every
 * instance stops its publisher, one resets the tokens, all publish again, so the deals of both segments are sent
 * again. One that cannot be carried out in time is abandoned and publishing goes on from where it was.
 */
@TestPropertySource(properties = {"pipeline.axon.node-id=instance-a", "pipeline.axon.balance-interval=500ms",
        "pipeline.axon.token-claim-timeout=3s", "pipeline.publication.reset-poll-interval=200ms",
        "pipeline.publication.reset-timeout=5s"})
@DirtiesContext
class SeveralInstancesRepublicationIntegrationTest extends CommandServiceTestBase {

    private static final String PUBLISHER = "kafka-publisher";
    private static ConfigurableApplicationContext otherInstance;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private Environment environment;

    @AfterAll
    static void stopTheOtherInstance() {
        if (otherInstance != null) {
            otherInstance.close();
        }
    }

    @Test
    void aRepublicationAskedOfOneInstanceRepublishesTheSegmentsAnotherHolds() {
        startTheOtherInstance();
        TrackingEventProcessor publisher = publisher(processing);
        TrackingEventProcessor othersPublisher = publisher(otherInstance.getBean(EventProcessingConfiguration.class));
        // the segments shared: this instance holds at most one (none when the suite's other contexts take part
        // too), so a reset needs another instance's claim
        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.processingStatus().size() < 2);
        String first = dealInSegment(0);
        String second = dealInSegment(1);
        assertThat(post("/deals", openDeal(first), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/deals", openDeal(second), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        awaitPublishedCount(first, 1);
        awaitPublishedCount(second, 1);

        ResponseEntity<JsonNode> started = republish();
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().get("republishing").asBoolean()).isTrue();
        long until = started.getBody().get("until").asLong();

        awaitPublishedCount(first, 2, Duration.ofSeconds(120));
        awaitPublishedCount(second, 2, Duration.ofSeconds(120));
        JsonNode done = await().atMost(Duration.ofSeconds(120)).until(this::progress,
                progress -> "DONE".equals(progress.get("phase").asString()));
        assertThat(done.get("republishing").asBoolean()).isFalse();
        assertThat(done.get("position").asLong()).isGreaterThanOrEqualTo(until);
        // every instance publishes again, and what comes after the republication is published as before
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.isRunning() && othersPublisher.isRunning());
        String after = dealInSegment(0);
        assertThat(post("/deals", openDeal(after), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        awaitPublishedCount(after, 1);
    }

    @Test
    void aRepublicationThatCannotClaimEverySegmentIsAbandonedAndPublishingGoesOn() {
        String before = dealInSegment(1);
        assertThat(post("/deals", openDeal(before), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        awaitPublishedCount(before, 1);

        // an instance that does not take part in republications keeps its claim on segment 0
        ScheduledExecutorService stranger = Executors.newSingleThreadScheduledExecutor();
        stranger.scheduleWithFixedDelay(() -> jdbc.update("update tokenentry set owner = 'does-not-take-part', "
                + "timestamp = ? where processorname = ? and segment = 0", Instant.now().toString(), PUBLISHER),
                0, 200, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select owner from tokenentry "
                    + "where processorname = ? and segment = 0", String.class, PUBLISHER),
                    "does-not-take-part"::equals);
            assertThat(republish().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(progress().get("phase").asString()).isEqualTo("WAITING_FOR_PUBLISHERS");
            ResponseEntity<JsonNode> second = client().post().uri("/admin/republication")
                    .header("Authorization", "Bearer " + ADA).retrieve()
                    .onStatus(status -> true, (request, response) -> { })
                    .toEntity(JsonNode.class);
            assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(second.getBody().get("detail").asString()).contains("waiting for the publishers");
            // stopped on purpose and for a bounded time: the publisher's health stays UP and says why
            JsonNode health = client().get().uri("/actuator/health").header("Authorization", "Bearer " + ADA)
                    .retrieve().onStatus(status -> true, (request, response) -> { }).body(JsonNode.class);
            JsonNode publisherHealth = health.get("components").get("kafkaPublisher");
            assertThat(publisherHealth.get("status").asString()).isEqualTo("UP");
            assertThat(publisherHealth.get("details").get("processor").asString())
                    .startsWith("stopped for republication");

            JsonNode abandoned = await().atMost(Duration.ofSeconds(60)).until(this::progress,
                    progress -> "ABANDONED".equals(progress.get("phase").asString()));
            assertThat(abandoned.get("republishing").asBoolean()).isFalse();
        } finally {
            stranger.shutdownNow();
        }
        // publishing goes on from where it was: nothing published before is sent again
        String after = dealInSegment(1);
        assertThat(post("/deals", openDeal(after), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        awaitPublishedCount(after, 1, Duration.ofSeconds(60));
        assertThat(CommandServiceTestBase.published.stream().filter(record -> before.equals(record.key())).count())
                .as("the segment's events come in store order, so a copy of the earlier deal would have come first")
                .isEqualTo(1);
    }

    private void startTheOtherInstance() {
        if (otherInstance != null) {
            return;
        }
        // as arguments, which come before application.yml (properties given to the builder come after it)
        otherInstance = new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location="
                        + environment.getProperty("spring.security.oauth2.resourceserver.jwt.public-key-location"),
                "--pipeline.deals.cache=false",
                "--pipeline.axon.node-id=instance-b",
                "--pipeline.axon.balance-interval=500ms",
                "--pipeline.axon.token-claim-timeout=3s",
                "--pipeline.publication.reset-poll-interval=200ms",
                "--pipeline.publication.reset-timeout=5s");
    }

    private ResponseEntity<JsonNode> republish() {
        return client().post().uri("/admin/republication").header("Authorization", "Bearer " + ADA).retrieve()
                .toEntity(JsonNode.class);
    }

    private JsonNode progress() {
        return client().get().uri("/admin/republication").header("Authorization", "Bearer " + ADA).retrieve()
                .body(JsonNode.class);
    }

    private static TrackingEventProcessor publisher(EventProcessingConfiguration processing) {
        return processing.eventProcessor(PUBLISHER, TrackingEventProcessor.class).orElseThrow();
    }
}
