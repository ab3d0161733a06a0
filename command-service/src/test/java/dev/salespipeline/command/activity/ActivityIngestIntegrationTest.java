package dev.salespipeline.command.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.command.CommandServiceTestBase;
import dev.salespipeline.command.activity.ingest.RejectedReport;
import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Calls and emails reported on the ingest topic of the real broker: how they find their deal, that each is
 * recorded once, that unmatched ones wait and can be attached later, and what happens to bad records.
 */
class ActivityIngestIntegrationTest extends CommandServiceTestBase {

    private static final String SOURCE = "acme-phone";
    private static KafkaProducer<String, String> ingest;
    private static KafkaConsumer<String, String> deadLetters;
    private static final List<ConsumerRecord<String, String>> deadLettered = new ArrayList<>();

    @BeforeAll
    static void connect() {
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        ingest = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer());
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-dlt-it-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        deadLetters = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer());
        deadLetters.subscribe(List.of(Topics.ACTIVITY_INGEST_DEAD_LETTERS));
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        deadLetters.close();
    }

    @Test
    void aCallFromTheNumberOfAnOpenDealLandsOnThatDeal() {
        String phone = randomPhone();
        String dealId = annasDealWithClient(phone, null);
        String externalId = "call-" + UUID.randomUUID();

        // The telephony system writes the number its own way.
        send(externalId, call(externalId, phone.replace("+", "00").replace(" ", "-")));

        JsonNode received = awaitPublished(ActivityIds.of(SOURCE, externalId));
        assertThat(received.path("type").asString()).isEqualTo("ActivityReceived");
        assertThat(received.path("source").asString()).isEqualTo("integration");
        assertThat(received.path("actor").asString()).isEqualTo("integration:" + SOURCE);
        assertThat(received.path("payload").path("match").asString()).isEqualTo("PHONE");
        assertThat(received.path("payload").path("dealId").asString()).isEqualTo(dealId);
        assertThat(received.path("payload").path("ownerId").asString()).as("the deal's owner").isEqualTo("anna");

        JsonNode logged = awaitEvent(dealId, "CallLogged");
        assertThat(logged.path("payload").path("callId").asString()).isEqualTo(ActivityIds.of(SOURCE, externalId));
        assertThat(logged.path("payload").path("externalId").asString()).isEqualTo(externalId);
        assertThat(logged.path("payload").path("durationSeconds").asLong()).isEqualTo(95);
        assertThat(logged.path("correlationId").asString()).isEqualTo(received.path("correlationId").asString());
    }

    @Test
    void anEmailFromTheAddressOfAnOpenDealLandsOnThatDeal() {
        String address = "jo." + UUID.randomUUID() + "@acme.example";
        String dealId = annasDealWithClient(null, address);
        String externalId = "mail-" + UUID.randomUUID();
        Map<String, Object> email = report(externalId, "EMAIL", "INBOUND");
        email.put("fromAddress", address.toUpperCase());
        email.put("toAddress", "anna@us.example");
        email.put("subject", "Re: offer");

        send(externalId, json(email));

        JsonNode received = awaitPublished(ActivityIds.of(SOURCE, externalId));
        assertThat(received.path("payload").path("match").asString()).isEqualTo("EMAIL");
        assertThat(received.path("payload").path("dealId").asString()).isEqualTo(dealId);
        JsonNode logged = awaitEvent(dealId, "EmailLogged");
        assertThat(logged.path("payload").path("subject").asString()).isEqualTo("Re: offer");
    }

    @Test
    void whenSeveralOpenDealsShareTheNumberTheMostRecentlyActiveOneGetsTheCall() {
        String phone = randomPhone();
        String older = annasDealWithClient(phone, null);
        String newer = annasDealWithClient(phone, null);
        String first = "call-" + UUID.randomUUID();
        send(first, call(first, phone));
        assertThat(awaitPublished(ActivityIds.of(SOURCE, first)).path("payload").path("dealId").asString())
                .isEqualTo(newer);

        // Business time decides which deal was active last: a comment on the older deal, dated after
        // everything that happened to the newer one.
        assertThat(post("/deals/" + older + "/comments", Map.of("text", "Called back from another line",
                "occurredAt", Instant.now().toString()), bearer(ANNA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String second = "call-" + UUID.randomUUID();
        send(second, call(second, phone));
        assertThat(awaitPublished(ActivityIds.of(SOURCE, second)).path("payload").path("dealId").asString())
                .isEqualTo(older);
    }

    @Test
    void aCallForALostDealOrAnUnknownNumberWaitsUnmatchedAndStillCountsForTheReportedOwner() {
        String phone = randomPhone();
        String lost = annasDealWithClient(phone, null);
        assertThat(put("/deals/" + lost + "/outcome", Map.of("outcome", "LOST", "reason", "Price"), bearer(ANNA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        String forLostDeal = "call-" + UUID.randomUUID();
        String unknownNumber = "call-" + UUID.randomUUID();
        Map<String, Object> withOwner = report(unknownNumber, "CALL", "OUTBOUND");
        withOwner.put("phoneNumber", randomPhone());
        withOwner.put("durationSeconds", 12);
        withOwner.put("ownerId", "ben");

        send(forLostDeal, call(forLostDeal, phone));
        send(unknownNumber, json(withOwner));

        JsonNode lostDealCall = awaitPublished(ActivityIds.of(SOURCE, forLostDeal)).path("payload");
        assertThat(lostDealCall.path("match").asString()).isEqualTo("UNMATCHED");
        assertThat(lostDealCall.path("dealId").isNull()).isTrue();
        JsonNode unknownCall = awaitPublished(ActivityIds.of(SOURCE, unknownNumber)).path("payload");
        assertThat(unknownCall.path("match").asString()).isEqualTo("UNMATCHED");
        assertThat(unknownCall.path("ownerId").asString()).isEqualTo("ben");
        assertThat(storedEvents(lost)).as("nothing was logged on the lost deal").isEqualTo(3);
    }

    @Test
    void theSameReportSentTwiceIsRecordedOnce() {
        String phone = randomPhone();
        String dealId = annasDealWithClient(phone, null);
        String externalId = "call-" + UUID.randomUUID();
        String sentinel = "call-" + UUID.randomUUID();
        String key = "same-key-" + UUID.randomUUID();

        send(key, call(externalId, phone));
        send(key, call(externalId, phone));
        // Records of one key are consumed in order: once this one is recorded, both copies were handled.
        send(key, call(sentinel, randomPhone()));
        awaitPublished(ActivityIds.of(SOURCE, sentinel));
        awaitEvent(dealId, "CallLogged");

        assertThat(storedEvents(ActivityIds.of(SOURCE, externalId))).isEqualTo(1);
        assertThat(storedEvents(dealId)).as("opened, edited, one call").isEqualTo(3);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheRecordsBehindThemAreRecorded() {
        String key = "poison-" + UUID.randomUUID();
        Map<String, Object> missingField = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        missingField.put("durationSeconds", 30);
        Map<String, Object> future = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        future.put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        future.put("phoneNumber", randomPhone());
        future.put("durationSeconds", 30);
        Map<String, Object> unknownDirection = report("call-" + UUID.randomUUID(), "CALL", "SIDEWAYS");
        unknownDirection.put("phoneNumber", randomPhone());
        unknownDirection.put("durationSeconds", 30);
        Map<String, Object> badDate = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        badDate.put("occurredAt", "yesterday");
        badDate.put("phoneNumber", randomPhone());
        badDate.put("durationSeconds", 30);
        Map<String, Object> unknownDeal = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        unknownDeal.put("dealId", "no-such-deal-" + UUID.randomUUID());
        unknownDeal.put("durationSeconds", 30);
        String good = "call-" + UUID.randomUUID();

        send(key, "{\"sourceSystem\": \"acme-phone\", \"externalId\": ");
        send(key, json(missingField));
        send(key, json(future));
        send(key, json(unknownDirection));
        send(key, json(badDate));
        send(key, json(unknownDeal));
        send(key, call(good, randomPhone()));

        List<ConsumerRecord<String, String>> rejected = awaitDeadLetters(key, 6);
        assertThat(rejected).extracting(record -> header(record, Topics.REJECT_REASON_HEADER)).containsExactly(
                "malformed-json", "missing-field", "future-timestamp", "unknown-value", "invalid-field", "unknown-deal");
        assertThat(header(rejected.get(1), Topics.REJECT_DETAIL_HEADER)).contains("phoneNumber");
        assertThat(header(rejected.get(3), Topics.REJECT_DETAIL_HEADER)).contains("SIDEWAYS");
        assertThat(rejected.get(2).value()).as("forwarded unchanged").isEqualTo(json(future));
        assertThat(header(rejected.get(0), "kafka_dlt-original-topic")).isEqualTo(Topics.ACTIVITY_INGEST);
        assertThat(awaitPublished(ActivityIds.of(SOURCE, good)).path("type").asString()).isEqualTo("ActivityReceived");
    }

    @Test
    void eachDeadLetterSaysWhyAndWhereItCameFromAndTheValidReportBehindThemIsRecordedWithinSeconds() {
        String key = "dead-letters-" + UUID.randomUUID();
        Map<String, Object> noExternalId = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        noExternalId.remove("externalId");
        noExternalId.put("phoneNumber", randomPhone());
        noExternalId.put("durationSeconds", 30);
        Map<String, Object> unknownDeal = report("call-" + UUID.randomUUID(), "CALL", "INBOUND");
        unknownDeal.put("dealId", "no-such-deal-" + UUID.randomUUID());
        unknownDeal.put("durationSeconds", 30);
        String good = "call-" + UUID.randomUUID();

        send(key, "{\"sourceSystem\": \"acme-phone\", \"kind\": \"CA");
        send(key, json(noExternalId));
        send(key, json(unknownDeal));
        long validSentAt = System.nanoTime();
        send(key, call(good, randomPhone()));

        await().atMost(Duration.ofSeconds(5)).until(() -> storedEvents(ActivityIds.of(SOURCE, good)) == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - validSentAt)).isLessThan(Duration.ofSeconds(5));
        List<ConsumerRecord<String, String>> rejected = awaitDeadLetters(key, 3);
        assertThat(rejected).extracting(record -> header(record, Topics.REJECT_REASON_HEADER))
                .containsExactly("malformed-json", "missing-field", "unknown-deal");
        assertThat(header(rejected.get(1), Topics.REJECT_DETAIL_HEADER)).isEqualTo("externalId is required");
        assertThat(header(rejected.get(2), Topics.REJECT_DETAIL_HEADER)).contains("no-such-deal-");
        // Spring Kafka writes the original partition and offset as binary int and long.
        int partition = ByteBuffer.wrap(rejected.get(0).headers().lastHeader("kafka_dlt-original-partition").value())
                .getInt();
        long firstOffset = offset(rejected.get(0));
        for (int i = 0; i < rejected.size(); i++) {
            ConsumerRecord<String, String> record = rejected.get(i);
            // Spring Kafka names its listener wrapper, and the listener's own exception as the cause.
            assertThat(header(record, "kafka_dlt-exception-cause-fqcn")).isEqualTo(RejectedReport.class.getName());
            assertThat(header(record, Topics.EXCEPTION_MESSAGE_HEADER)).isNotBlank();
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.ACTIVITY_INGEST);
            assertThat(header(record, "kafka_dlt-original-consumer-group")).isNotBlank();
            assertThat(ByteBuffer.wrap(record.headers().lastHeader("kafka_dlt-original-partition").value()).getInt())
                    .isEqualTo(partition);
            assertThat(offset(record)).as("the offsets of the records sent one after the other").isEqualTo(firstOffset + i);
        }

        String metrics = client().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + ADA)
                .retrieve().body(String.class);
        assertThat(metrics.lines().filter(line -> line.startsWith("pipeline_consumer_dead_letters_total{")
                && line.contains("consumer=\"activity-ingest\"") && line.contains("reason=\"RejectedReport\"")
                && line.contains("topic=\"" + Topics.ACTIVITY_INGEST_DEAD_LETTERS + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
                .singleElement().satisfies(count -> assertThat(count).isGreaterThanOrEqualTo(3));
        assertThat(client().get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode())
                .as("not for everyone").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anUnmatchedActivityCanBeAttachedToADealOnceByWhoeverMayChangeTheDeal() {
        String externalId = "call-" + UUID.randomUUID();
        String activityId = ActivityIds.of(SOURCE, externalId);
        send(externalId, call(externalId, randomPhone()));
        awaitPublished(activityId);
        String dealId = annasDeal();

        assertThat(put("/activities/" + activityId + "/deal", Map.of("dealId", dealId), bearer(SAM)).getStatusCode())
                .as("a rep of another team, who may not see the deal: as if there were none")
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(put("/activities/" + activityId + "/deal", Map.of("dealId", "no-such-deal"), bearer(ANNA))
                .getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(put("/activities/" + activityId + "/deal", Map.of("dealId", dealId), bearer(TELEPHONY))
                .getStatusCode()).as("integrations report, people attach").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> attached = put("/activities/" + activityId + "/deal", Map.of("dealId", dealId),
                bearer(ANNA));
        assertThat(attached.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(attached.getBody().path("version").asLong()).isEqualTo(1);

        JsonNode attachment = awaitEnvelopes(activityId, 2).get(1);
        assertThat(attachment.path("type").asString()).isEqualTo("ActivityAttached");
        assertThat(attachment.path("actor").asString()).isEqualTo("anna");
        assertThat(attachment.path("payload").path("ownerId").asString()).isEqualTo("anna");
        JsonNode logged = awaitEvent(dealId, "CallLogged");
        assertThat(logged.path("payload").path("callId").asString()).isEqualTo(activityId);
        assertThat(logged.path("actor").asString()).isEqualTo("anna");

        ResponseEntity<JsonNode> again = put("/activities/" + activityId + "/deal", Map.of("dealId", annasDeal()),
                bearer(ANNA));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(again.getBody().path("rule").asString()).isEqualTo("ActivitySingleDealRule");
        assertThat(put("/activities/act-unknown/deal", Map.of("dealId", dealId), bearer(ANNA)).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anActivityIsAttachedOnlyByThoseWhoMaySeeIt() {
        String stranger = "rep-" + UUID.randomUUID();
        String strangers = reported(stranger);
        String annas = reported("anna");
        String bens = reported("ben");
        String nobodys = reported(null);
        String annasDeal = annasDeal();
        Map<String, Object> bensDealBody = new HashMap<>(openDeal("deal-" + UUID.randomUUID()));
        bensDealBody.put("ownerId", "ben");
        assertThat(post("/deals", bensDealBody, bearer(MAX)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String bensDeal = bensDealBody.get("dealId").toString();

        for (String token : List.of(ANNA, MAX)) {
            ResponseEntity<JsonNode> refused = put("/activities/" + strangers + "/deal", Map.of("dealId", annasDeal),
                    bearer(token));
            assertThat(refused.getStatusCode()).as("reported for someone outside the team: as if there were none")
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(refused.getBody().path("detail").asString()).isEqualTo("No " + strangers + " here.");
        }
        assertThat(put("/activities/" + bens + "/deal", Map.of("dealId", bensDeal), bearer(ANNA)).getStatusCode())
                .as("another rep's activity").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(put("/activities/" + nobodys + "/deal", Map.of("dealId", annasDeal), bearer(BEN)).getStatusCode())
                .as("an unowned activity, but a deal ben may not see").isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(put("/activities/" + annas + "/deal", Map.of("dealId", annasDeal), bearer(SAM)).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(storedEvents(strangers)).isEqualTo(1);

        assertThat(put("/activities/" + annas + "/deal", Map.of("dealId", annasDeal), bearer(ANNA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(put("/activities/" + bens + "/deal", Map.of("dealId", bensDeal), bearer(MAX)).getStatusCode())
                .as("ben owns deals in max's team").isEqualTo(HttpStatus.OK);
        assertThat(put("/activities/" + nobodys + "/deal", Map.of("dealId", annasDeal), bearer(ANNA)).getStatusCode())
                .as("an unowned one, by whoever may change the deal").isEqualTo(HttpStatus.OK);
        assertThat(put("/activities/" + strangers + "/deal", Map.of("dealId", annasDeal), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void anIdOfAnotherAggregateIsNoActivity() {
        String dealId = annasDeal();

        assertThat(put("/activities/" + dealId + "/deal", Map.of("dealId", annasDeal()), bearer(ADA)).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(storedEvents(dealId)).isEqualTo(1);
    }

    /** An unmatched call reported for this owner (null: none), recorded; answers its activity id. */
    private static String reported(String ownerId) {
        String externalId = "call-" + UUID.randomUUID();
        Map<String, Object> call = report(externalId, "CALL", "INBOUND");
        call.put("phoneNumber", randomPhone());
        call.put("durationSeconds", 40);
        if (ownerId != null) {
            call.put("ownerId", ownerId);
        }
        send(externalId, json(call));
        String activityId = ActivityIds.of(SOURCE, externalId);
        awaitPublished(activityId);
        return activityId;
    }

    private static JsonNode awaitEvent(String key, String type) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            topic.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().filter(r -> key.equals(r.key())).map(r -> JSON.readTree(r.value()))
                    .filter(envelope -> type.equals(envelope.path("type").asString())).findFirst().orElse(null);
        }, envelope -> envelope != null);
    }

    private static List<ConsumerRecord<String, String>> awaitDeadLetters(String key, int count) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            deadLetters.poll(Duration.ofMillis(200)).forEach(deadLettered::add);
            return deadLettered.stream().filter(r -> key.equals(r.key())).toList();
        }, records -> records.size() >= count);
    }

    private static long offset(ConsumerRecord<String, String> deadLetter) {
        return ByteBuffer.wrap(deadLetter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void send(String key, String value) {
        try {
            ingest.send(new ProducerRecord<>(Topics.ACTIVITY_INGEST, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> report(String externalId, String kind, String direction) {
        Map<String, Object> report = new HashMap<>();
        report.put("sourceSystem", SOURCE);
        report.put("externalId", externalId);
        report.put("kind", kind);
        report.put("direction", direction);
        report.put("occurredAt", Instant.now().minusSeconds(120).toString());
        return report;
    }

    static String call(String externalId, String phone) {
        Map<String, Object> call = report(externalId, "CALL", "INBOUND");
        call.put("phoneNumber", phone);
        call.put("durationSeconds", 95);
        call.put("recordingUrl", "https://recordings.example/" + externalId);
        return json(call);
    }

    static String json(Map<String, Object> value) {
        return JSON.writeValueAsString(value);
    }

    static String randomPhone() {
        return "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }
}
