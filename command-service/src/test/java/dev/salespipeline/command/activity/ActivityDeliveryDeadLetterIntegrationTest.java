package dev.salespipeline.command.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ReceiveActivity;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.command.CommandServiceTestBase;
import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * A reported activity whose deal refuses it for good goes to the delivery's dead-letter topic, with the activity
 * and the reason, and the activities reported after it still reach their deals.
 */
class ActivityDeliveryDeadLetterIntegrationTest extends CommandServiceTestBase {

    private static final String SOURCE = "acme-phone";
    private static final Map<String, Object> TELEPHONY_SYSTEM = Map.of("actor", "integration:" + SOURCE,
            "roles", "integration", "source", "integration", "correlationId", "delivery-dlt-test");
    private static KafkaConsumer<String, String> deadLetters;
    private static final List<ConsumerRecord<String, String>> deadLettered = new ArrayList<>();

    @BeforeAll
    static void subscribe() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "delivery-dlt-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        deadLetters = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        deadLetters.subscribe(List.of(Topics.ACTIVITY_DELIVERY_DEAD_LETTERS));
    }

    @AfterAll
    static void unsubscribe() {
        deadLetters.close();
    }

    @Test
    void aDeliveryTheDealRefusesIsDeadLetteredAndLaterDeliveriesProceed() {
        // The ingest checks that a named deal exists; an integration sending the command itself is not checked.
        String missingDeal = "no-such-deal-" + UUID.randomUUID();
        String refused = receiveCall(missingDeal);
        String dealId = annasDeal();
        String delivered = receiveCall(dealId);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            topic.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().anyMatch(r -> dealId.equals(r.key())
                    && "CallLogged".equals(JSON.readTree(r.value()).path("type").asString())
                    && delivered.equals(JSON.readTree(r.value()).path("payload").path("callId").asString()));
        });
        ConsumerRecord<String, String> deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> {
            deadLetters.poll(Duration.ofMillis(200)).forEach(deadLettered::add);
            return deadLettered.stream().filter(r -> refused.equals(r.key())).findFirst().orElse(null);
        }, record -> record != null);

        JsonNode letter = JSON.readTree(deadLetter.value());
        assertThat(letter.path("consumer").asString()).isEqualTo("activity-delivery");
        assertThat(letter.path("reason").asString()).isEqualTo("unknown-aggregate");
        assertThat(letter.path("exception").asString()).isEqualTo(AggregateNotFoundException.class.getName());
        assertThat(letter.path("eventType").asString()).isEqualTo("ActivityReceived");
        assertThat(letter.path("aggregateId").asString()).isEqualTo(refused);
        assertThat(letter.path("event").path("activityId").asString()).isEqualTo(refused);
        assertThat(letter.path("event").path("dealId").asString()).isEqualTo(missingDeal);
        assertThat(letter.path("event").path("phoneNumber").asString()).isEqualTo("+49 30 1234567");
        assertThat(header(deadLetter, Topics.REJECT_REASON_HEADER)).isEqualTo("unknown-aggregate");
        assertThat(header(deadLetter, Topics.EXCEPTION_CLASS_HEADER))
                .isEqualTo(AggregateNotFoundException.class.getName());
        assertThat(header(deadLetter, Topics.EVENT_ID_HEADER)).isEqualTo(letter.path("eventId").asString());
        assertThat(header(deadLetter, Topics.AGGREGATE_SEQUENCE_HEADER)).isEqualTo("0");
        assertThat(Long.parseLong(header(deadLetter, Topics.GLOBAL_POSITION_HEADER))).isPositive();

        String metrics = client().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + ADA)
                .retrieve().body(String.class);
        assertThat(metrics).containsPattern("pipeline_consumer_dead_letters_total\\{consumer=\"activity-delivery\","
                + "reason=\"AggregateNotFoundException\",topic=\"" + Topics.ACTIVITY_DELIVERY_DEAD_LETTERS.replace(".", "\\.")
                + "\"} [1-9]");
    }

    private String receiveCall(String dealId) {
        String externalId = "call-" + UUID.randomUUID();
        String activityId = ActivityIds.of(SOURCE, externalId);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ReceiveActivity(activityId, SOURCE, externalId,
                ActivityKind.CALL, Direction.INBOUND, Instant.now().minusSeconds(60), 42, true, "+49 30 1234567", null,
                null, null, null, null, "anna", dealId, ActivityMatch.DEAL_ID)).withMetaData(TELEPHONY_SYSTEM));
        return activityId;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
