package dev.salespipeline.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.MalformedEventException;
import dev.salespipeline.query.events.PipelineEventListener;
import dev.salespipeline.query.events.ProjectionBatch;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.alert.projection.StalledDealAlertView;
import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Rebuilding the read models from the topic gives exactly the documents that were there before, and is
 * refused, changing nothing, while another instance consumes in the group.
 */
class RebuildIntegrationTest extends QueryServiceTestBase {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PipelineEventListener events;

    @Test
    void aRebuildGivesBackTheSameDocuments() throws Exception {
        String pipeline = "rebuild-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        publish(pipeline, asPublished(new PipelineDefined(pipeline, "Rebuild", PipelineTemplates.DEFAULT_STAGES,
                PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS, at), 0, "ada"));
        for (int i = 0; i < 5; i++) {
            String dealId = "deal-" + UUID.randomUUID();
            publish(dealId, asPublished(new DealOpened(dealId, pipeline, "lead", "Deal " + i, "anna", "north",
                    Money.of(i + "00.00", "EUR"), at.plusSeconds(i)), 0, "anna"));
            publish(dealId, asPublished(new DealMovedToStage(dealId, pipeline, "lead", "qualified",
                    at.plusSeconds(60 + i)), 1, "anna"));
        }
        publish("act", asPublished(unmatchedCall("rebuild-phone", UUID.randomUUID().toString(), "anna", at), 0,
                "integration:rebuild-phone"));
        awaitAllConsumed();
        // Alerts come from their own topic, which the rebuild does not replay: they are kept.
        mongo.save(new StalledDealAlertView("kept-" + pipeline, pipeline, "qualified", "anna", "north",
                AlertStatus.RAISED, StallReason.STAGE_TIME_LIMIT, at, "PT336H", at.plusSeconds(60), null, 0, 0));
        Map<String, List<Document>> before = readModels();
        assertThat(before.get(StalledDealAlertView.COLLECTION)).isNotEmpty();
        assertThat(before.get("pipelines")).isNotEmpty();
        assertThat(before.get("deal_cards")).isNotEmpty();

        ResponseEntity<JsonNode> started = client().post().uri("/admin/rebuild").headers(h -> h.setBearerAuth(ADA))
                .retrieve().toEntity(JsonNode.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().path("emptied").toString()).contains("deal_cards", "pipelines");
        long toApply = started.getBody().path("eventsToApply").asLong();
        assertThat(toApply).isGreaterThanOrEqualTo(11);
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(() -> get("/admin/rebuild").getBody(),
                progress -> !progress.path("rebuilding").asBoolean());
        assertThat(done.path("eventsApplied").asLong()).isEqualTo(toApply);
        awaitAllConsumed();
        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void aRebuildWhileEventsKeepComingNeverShowsAnEmptyBoardAndEndsAsAFreshFoldDoes() throws Exception {
        String pipeline = "rebuild-live-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        publish(pipeline, asPublished(new PipelineDefined(pipeline, "Rebuild live", PipelineTemplates.DEFAULT_STAGES,
                PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS, at), 0, "ada"));
        int before = 20;
        for (int i = 0; i < before / 2; i++) {
            openAndMove(pipeline, at.plusSeconds(i));
        }
        // A record no one can read, with deals behind it: the live listener dead-letters it, the rebuild skips it.
        publish("deal-unreadable-" + UUID.randomUUID(), "{not an event");
        for (int i = before / 2; i < before; i++) {
            openAndMove(pipeline, at.plusSeconds(i));
        }
        awaitAllConsumed();
        String board = "/pipelines/" + pipeline + "/board";
        assertThat(get(board).getBody().path("totalDeals").asLong()).isEqualTo(before);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger published = new AtomicInteger();
        List<String> emptyOrFailed = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        // A deal opened and moved every 20 ms, and the board read again and again, until the rebuild is done.
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            publisher.scheduleAtFixedRate(() -> {
                try {
                    openAndMove(pipeline, at.plusSeconds(1000 + published.get()));
                    published.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            reader.submit(() -> {
                while (running.get()) {
                    ResponseEntity<JsonNode> read = get(board);
                    reads.incrementAndGet();
                    if (!read.getStatusCode().is2xxSuccessful()
                            || read.getBody().path("totalDeals").asLong() < before) {
                        emptyOrFailed.add(read.getStatusCode() + " " + read.getBody());
                    }
                }
                return null;
            });
            ResponseEntity<JsonNode> started = client().post().uri("/admin/rebuild")
                    .headers(h -> h.setBearerAuth(ADA)).retrieve().toEntity(JsonNode.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            JsonNode done = await().atMost(Duration.ofSeconds(120)).until(() -> get("/admin/rebuild").getBody(),
                    progress -> !progress.path("rebuilding").asBoolean());
            assertThat(done.path("phase").asString()).as("%s", done).isEqualTo("DONE");
            assertThat(done.path("eventsApplied").asLong()).isEqualTo(done.path("eventsToApply").asLong());
            assertThat(done.path("etaSeconds").asLong()).isZero();
            assertThat(done.path("eventsSkipped").asLong()).as("the unreadable record").isPositive();
            // Readers keep reading a little after the swap too.
            int readsAtSwap = reads.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() > readsAtSwap + 5);
        } finally {
            running.set(false);
            publisher.shutdown();
            reader.shutdown();
            assertThat(publisher.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(reader.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(emptyOrFailed).as("board reads during the rebuild that were empty or failed").isEmpty();
        assertThat(published.get()).as("events published during the rebuild").isPositive();
        awaitAllConsumed();
        assertThat(get(board).getBody().path("totalDeals").asLong()).isEqualTo(before + published.get());
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.endsWith(ReadModelRebuild.SUFFIX));

        // A fresh fold of the whole topic into collections of its own gives what the rebuilt read models hold.
        String fresh = "__fresh";
        try (KafkaConsumer<String, String> topic = new KafkaConsumer<>(readerConfig(), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = topic.partitionsFor(Topics.PIPELINE_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            topic.assign(partitions);
            topic.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = topic.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> topic.position(partition) < end.get(partition))) {
                List<EventEnvelope<?>> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> record : topic.poll(Duration.ofMillis(500))) {
                    try {
                        batch.add(events.read(record));
                    } catch (MalformedEventException deadLettered) {
                        // The live listener dead-lettered it too.
                    }
                }
                events.project(batch, new ProjectionBatch(mongo, name -> name + fresh, true, false));
            }
        }
        try {
            for (String name : mongo.getCollectionNames()) {
                if (name.endsWith(fresh)) {
                    String live = name.substring(0, name.length() - fresh.length());
                    assertThat(mongo.find(new Query().with(Sort.by("_id")), Document.class, live)).as(live)
                            .isEqualTo(mongo.find(new Query().with(Sort.by("_id")), Document.class, name));
                }
            }
        } finally {
            mongo.getCollectionNames().stream().filter(name -> name.endsWith(fresh)).forEach(mongo::dropCollection);
        }
    }

    private void openAndMove(String pipeline, Instant at) throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        publish(dealId, asPublished(new DealOpened(dealId, pipeline, "lead", "Live deal", "anna", "north",
                Money.of("100.00", "EUR"), at), 0, "anna"));
        publish(dealId, asPublished(new DealMovedToStage(dealId, pipeline, "lead", "qualified", at.plusSeconds(60)),
                1, "anna"));
    }

    private static Properties readerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return config;
    }

    @Test
    void aRebuildIsRefusedWhileAnotherInstanceConsumesInTheGroup() throws Exception {
        awaitAllConsumed();
        long cards = mongo.count(new Query(), "deal_cards");
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, CONSUMER_GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> otherInstance = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            otherInstance.subscribe(List.of(Topics.PIPELINE_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                otherInstance.poll(Duration.ofMillis(100));
                return !otherInstance.assignment().isEmpty();
            });

            ResponseEntity<JsonNode> refused = client().post().uri("/admin/rebuild").headers(h -> h.setBearerAuth(ADA))
                    .retrieve().toEntity(JsonNode.class);

            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getBody().path("detail").asString()).contains("other instances");
            assertThat(mongo.count(new Query(), "deal_cards")).isEqualTo(cards);
        }
    }

    @Test
    void onlyAdminsRebuild() {
        assertThat(client().post().uri("/admin/rebuild").headers(h -> h.setBearerAuth(MAX)).retrieve()
                .toEntity(JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/admin/rebuild", VERA).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    /** Every document of every read model, by collection, in id order. */
    private Map<String, List<Document>> readModels() {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (!name.equals("metrics") && !name.startsWith("system.")) {
                all.put(name, mongo.find(new Query().with(Sort.by("_id")),
                        Document.class, name));
            }
        }
        return all;
    }
}
