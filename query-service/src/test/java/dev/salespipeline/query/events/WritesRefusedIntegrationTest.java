package dev.salespipeline.query.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.query.board.projection.ColumnTotals;
import dev.salespipeline.query.deal.projection.DealCard;
import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.TestTokens;
import dev.salespipeline.testsupport.WithInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event whose writes are refused for good, after the column totals took its change: it goes to the dead-letter
 * topic, and the totals are those of the cards, without it, with the deals that came in the same batch after it. The
 * refusal comes from a projection that runs after the totals and fails every batch holding the event, as a write the
 * database rejects would. The two deals' events go to one partition, so that the second comes behind the first in
 * the batch. The service has a consumer group and a database of its own.
 */
@WithInfrastructure
@SpringBootTest(properties = "pipeline.query.consumer-group=" + WritesRefusedIntegrationTest.GROUP)
@DirtiesContext
class WritesRefusedIntegrationTest {

    static final String GROUP = "query-service-writes-refused";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String OWNER = "refused-" + RUN;
    private static final String REFUSED_EVENT = "refused-event-" + RUN;
    private static final AtomicInteger REFUSALS = new AtomicInteger();

    @TestConfiguration
    static class RefuseOneEvent {

        /** Runs after the totals: fails every batch that holds the refused event, before its writes. */
        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        Projection refuseOneEvent() {
            return new Projection() {
                @Override
                public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
                    if (REFUSED_EVENT.equals(envelope.eventId())) {
                        batch.state(this, () -> Boolean.TRUE);
                    }
                }

                @Override
                public void finish(ProjectionBatch batch) {
                    if (batch.state(this, () -> Boolean.FALSE)) {
                        REFUSALS.incrementAndGet();
                        throw new IllegalStateException("the database refused the writes of " + REFUSED_EVENT);
                    }
                }
            };
        }
    }

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> Infrastructure.shared().mongoUri("query_service_refused_it"));
        registry.add("spring.kafka.bootstrap-servers", Infrastructure.shared()::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @Test
    void anEventDeadLetteredAfterTheTotalsTookItLeavesThemAsTheCards() throws Exception {
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        String first = "deal-refused-" + RUN + "-1";
        String second = "deal-refused-" + RUN + "-2";
        List<EventEnvelope<?>> events = List.of(
                envelope("e1-" + RUN, new DealOpened(first, "sales", "lead", "Refused", OWNER, "north",
                        Money.of("1000.00", "EUR"), at), 0),
                envelope(REFUSED_EVENT, new DealAmountChanged(first, Money.of("1000.00", "EUR"),
                        Money.of("5000.00", "EUR"), at.plusSeconds(60)), 1),
                envelope("e3-" + RUN, new DealOpened(second, "sales", "lead", "Behind it", OWNER, "north",
                        Money.of("300.00", "EUR"), at.plusSeconds(120)), 0));
        try (KafkaProducer<String, String> producer = producer()) {
            for (EventEnvelope<?> event : events) {
                // One partition for all three, in this order.
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, 0, event.aggregateId(),
                        JSON.writeValueAsString(event)));
            }
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(REFUSALS.get()).isGreaterThanOrEqualTo(1);
            assertThat(mongo.findById(second, DealCard.class)).isNotNull();
            ColumnTotals totals = mongo.findById(ColumnTotals.id("sales", "lead", OWNER), ColumnTotals.class);
            assertThat(totals).isNotNull();
            assertThat(totals.rows()).singleElement().satisfies(row -> {
                assertThat(row.deals()).isEqualTo(2);
                assertThat(row.amount()).isEqualByComparingTo("1300.00");
            });
        });
        assertThat(mongo.findById(first, DealCard.class).amount().amount()).isEqualByComparingTo("1000.00");
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static EventEnvelope<?> envelope(String eventId, DomainEvent event, long sequence) {
        Class<?> type = event.getClass();
        return new EventEnvelope<>(eventId, EventTypes.nameOf(type), EventTypes.versionOf(type), event.aggregateId(),
                sequence, 1, event.occurredAt(), event.occurredAt().plusSeconds(1), "anna", "web",
                "c-" + UUID.randomUUID(), event);
    }
}
