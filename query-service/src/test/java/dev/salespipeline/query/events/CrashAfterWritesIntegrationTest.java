package dev.salespipeline.query.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.json.JsonMapper;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.query.task.projection.Task;

/**
 * A crash between the bulk writes and the offset commit: the first time a batch holds the deal's events, every
 * document is written, then the connection fails, so the offsets are not committed and the whole batch comes again.
 * Nothing is lost and nothing counted twice: the card, its task and its timeline are those of one application. The
 * service here has a consumer group and a database of its own, so that no other consumer writes the same documents.
 */
@WithInfrastructure
@SpringBootTest(properties = "pipeline.query.consumer-group=" + CrashAfterWritesIntegrationTest.GROUP)
@DirtiesContext
class CrashAfterWritesIntegrationTest {

    static final String GROUP = "query-service-crash-after-writes";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String DEAL = "deal-crash-" + UUID.randomUUID();
    private static final AtomicInteger CRASHES = new AtomicInteger();
    private static final AtomicInteger BATCHES_WITH_DEAL = new AtomicInteger();

    @TestConfiguration
    static class CrashAfterWrites {

        /** Runs last: writes the batch, then fails as a lost connection would, once. */
        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        Projection crashAfterWrites() {
            return new Projection() {
                private boolean sawDeal;

                @Override
                public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
                    if (DEAL.equals(envelope.aggregateId())) {
                        batch.state(this, () -> Boolean.TRUE);
                    }
                }

                @Override
                public void finish(ProjectionBatch batch) {
                    if (batch.state(this, () -> Boolean.FALSE)) {
                        BATCHES_WITH_DEAL.incrementAndGet();
                        if (CRASHES.get() == 0) {
                            batch.write();
                            CRASHES.incrementAndGet();
                            throw new DataAccessResourceFailureException("connection lost after the writes");
                        }
                    }
                }
            };
        }
    }

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> Infrastructure.shared().mongoUri("query_service_crash_it"));
        registry.add("spring.kafka.bootstrap-servers", Infrastructure.shared()::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @Test
    void aBatchWrittenButNotCommittedIsAppliedAgainHarmlessly() throws Exception {
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        Instant due = at.plus(Duration.ofDays(2));
        List<Object> events = List.of(
                new DealOpened(DEAL, "sales", "lead", "Crash-proof", "anna", "north",
                        new Money(new BigDecimal("1000.00"), "EUR"), at),
                new TaskScheduled(DEAL, "t1", "Call back", due, at.plusSeconds(60)),
                new TaskRescheduled(DEAL, "t1", due, due.plus(Duration.ofDays(1)), at.plusSeconds(120)),
                new DealAmountChanged(DEAL, new Money(new BigDecimal("1000.00"), "EUR"),
                        new Money(new BigDecimal("2500.00"), "EUR"), at.plusSeconds(180)),
                new DealMovedToStage(DEAL, "sales", "lead", "qualified", at.plusSeconds(240)),
                new CallLogged(DEAL, "c1", Direction.OUTBOUND, at.plusSeconds(300), 120, true, "+49 30 1", null, null,
                        null),
                new TaskRescheduled(DEAL, "t1", due.plus(Duration.ofDays(1)), due.plus(Duration.ofDays(3)),
                        at.plusSeconds(360)));
        try (KafkaProducer<String, String> producer = producer()) {
            for (int sequence = 0; sequence < events.size(); sequence++) {
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, DEAL,
                        published((DomainEvent) events.get(sequence), sequence))).get();
            }
        }

        // The crashed batch's writes show the card before the batch comes again: wait for the second pass too, and
        // for the last batch's writes to every collection (the card is written before the timeline and the intervals,
        // so a card at the last version alone does not mean the batch is through).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DealCard card = mongo.findById(DEAL, DealCard.class);
            assertThat(card).isNotNull();
            assertThat(card.version()).isEqualTo(events.size() - 1);
            assertThat(CRASHES).hasValue(1);
            assertThat(BATCHES_WITH_DEAL.get()).as("the batch came again after the crash").isGreaterThanOrEqualTo(2);
            assertThat(mongo.count(Query.query(where("dealId").is(DEAL)), "deal_timeline")).isGreaterThanOrEqualTo(events.size());
            assertThat(mongo.count(Query.query(where("dealId").is(DEAL).and("leftAt").ne(null)), "stage_intervals"))
                    .isGreaterThanOrEqualTo(1);
        });

        DealCard card = mongo.findById(DEAL, DealCard.class);
        assertThat(card.amount().amount()).isEqualByComparingTo("2500.00");
        assertThat(card.stageId()).isEqualTo("qualified");
        assertThat(card.openTasks()).singleElement().satisfies(task ->
                assertThat(task.dueAt()).isEqualTo(due.plus(Duration.ofDays(3))));
        assertThat(card.lastActivityAt()).isEqualTo(at.plusSeconds(360));
        Task task = mongo.findById(Task.id(DEAL, "t1"), Task.class);
        assertThat(task.rescheduledCount()).as("two reschedules, counted once each").isEqualTo(2);
        assertThat(mongo.count(Query.query(where("dealId").is(DEAL)), "deal_timeline")).isEqualTo(events.size());
        assertThat(mongo.count(Query.query(where("dealId").is(DEAL)), "stage_intervals")).isEqualTo(2);
        assertThat(mongo.count(Query.query(where("dealId").is(DEAL).and("leftAt").ne(null)), "stage_intervals"))
                .isEqualTo(1);
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static String published(DomainEvent event, long sequence) {
        Class<?> type = event.getClass();
        return JSON.writeValueAsString(new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(type),
                EventTypes.versionOf(type), event.aggregateId(), sequence, 1, event.occurredAt(),
                event.occurredAt().plusSeconds(1), "anna", "web", "c-" + UUID.randomUUID(), event));
    }
}
