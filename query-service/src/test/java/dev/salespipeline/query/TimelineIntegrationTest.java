package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.StageRenamed;
import tools.jackson.databind.JsonNode;

/**
 * A deal's timeline against real Kafka and the MongoDB wire protocol: one entry per event with who, when,
 * a summary and the fields it changed, newest first, paged, filtered by type, shown to whom the deal's
 * card is shown. Every test uses deals and pipelines of its own.
 */
class TimelineIntegrationTest extends QueryServiceTestBase {

    private static final Instant T0 = MONDAY_MORNING;

    private static Instant minute(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static String newId(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
    }

    private static List<String> texts(JsonNode entries, String field) {
        List<String> values = new ArrayList<>();
        entries.forEach(entry -> values.add(entry.get(field).asString()));
        return values;
    }

    private static JsonNode entry(JsonNode timeline, long sequence) {
        for (JsonNode entry : timeline.get("entries")) {
            if (entry.get("sequence").asLong() == sequence) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + sequence);
    }

    private static List<String> changes(JsonNode entry) {
        List<String> changes = new ArrayList<>();
        entry.get("changes").forEach(change -> changes.add(change.get("field").asString() + ": "
                + text(change.get("from")) + " -> " + text(change.get("to"))));
        return changes;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asString();
    }

    /** A deal through every kind of deal event, and a rename of a stage it passed through, afterwards. */
    private String dealThroughEveryEvent(String sales, String legal) throws Exception {
        String dealId = newId("deal");
        HistoryScript script = new HistoryScript(this::publish);
        script.publish(HistoryScript.salesPipeline(sales, "Sales", T0.minus(Duration.ofDays(1))), "ada", "web");
        script.publish(HistoryScript.salesPipeline(legal, "Legal", T0.minus(Duration.ofDays(1))), "ada", "web");
        script.publish(new DealOpened(dealId, sales, "lead", "Forty seats", "anna", "north",
                Money.of("1500.00", "EUR"), minute(0)));
        script.publish(new DealDetailsEdited(dealId, new DealDetails("Forty seats", null, null, null),
                new DealDetails("Forty-two seats", new ClientInfo("Acme", "Jo", null, null, null, null), "referral",
                        null), minute(1)));
        script.publish(new DealAmountChanged(dealId, Money.of("1500.00", "EUR"), Money.of("2000.00", "EUR"),
                minute(2)));
        script.publish(new ExpectedCloseDateChanged(dealId, null, LocalDate.parse("2026-12-15"), minute(3)));
        script.publish(new ProbabilityOverridden(dealId, null, 35, minute(4)));
        script.publish(new DealMovedToStage(dealId, sales, "lead", "qualified", minute(5)));
        script.publish(new TaskScheduled(dealId, "t1", "Call back", T0.plus(Duration.ofDays(1)), minute(6)));
        script.publish(new TaskRescheduled(dealId, "t1", T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)),
                minute(7)));
        script.publish(new TaskCompleted(dealId, "t1", minute(8)));
        script.publish(new TaskScheduled(dealId, "t2", "Send contract", T0.plus(Duration.ofDays(3)), minute(9)));
        script.publish(new TaskCancelled(dealId, "t2", minute(10)));
        script.publish(new CallLogged(dealId, "call-1", Direction.INBOUND, minute(11), 95, true, "+49 30 1234567",
                null, null, "ext-call-1"), "telephony", "integration");
        script.publish(new EmailLogged(dealId, "email-1", Direction.OUTBOUND, minute(12), "Your quote",
                "anna@pipeline.example.com", "jo@acme.example.org", "ext-mail-1"), "mailer", "integration");
        script.publish(new EmailOpened(dealId, "email-1", minute(13)), "mailer", "integration");
        script.publish(new MeetingLogged(dealId, "meeting-1", "Demo", minute(14), 45, "went well"));
        script.publish(new CommentAdded(dealId, "comment-1", "Client wants a discount", minute(15)));
        script.publish(new DealHandedOver(dealId, "anna", "ben", "north", "north", "holiday", minute(16)), "max",
                "web");
        script.publish(new DealLost(dealId, sales, "qualified", "Price", "too dear", minute(17)), "ben", "api");
        script.publish(new DealReopened(dealId, sales, "qualified", minute(18)), "ben", "web");
        script.publish(new DealTransferred(dealId, sales, "qualified", legal, "lead", minute(19)), "ben", "web");
        script.publish(new DealWon(dealId, legal, "lead", Money.of("2000.00", "EUR"), minute(20)), "ben", "web");
        script.publish(new StageRenamed(sales, "qualified", "Qualified", "Qualified lead", minute(60)), "ada", "web");
        awaitAllConsumed();
        return dealId;
    }

    @Test
    void everyDealEventIsOnTheTimelineNewestFirstWithItsSummaryAndChanges() throws Exception {
        String sales = newId("sales");
        String legal = newId("legal");
        String dealId = dealThroughEveryEvent(sales, legal);

        ResponseEntity<JsonNode> response = get("/deals/" + dealId + "/timeline");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode timeline = response.getBody();
        assertThat(timeline.get("dealId").asString()).isEqualTo(dealId);
        assertThat(timeline.get("total").asLong()).isEqualTo(21);
        assertThat(timeline.get("page").asInt()).isZero();
        assertThat(timeline.get("size").asInt()).isEqualTo(50);
        JsonNode entries = timeline.get("entries");
        List<Long> sequences = new ArrayList<>();
        entries.forEach(entry -> sequences.add(entry.get("sequence").asLong()));
        assertThat(sequences).containsExactly(20L, 19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L,
                6L, 5L, 4L, 3L, 2L, 1L, 0L);
        Set<String> dealEventTypes = EventTypes.all().entrySet().stream()
                .filter(type -> DealEvent.class.isAssignableFrom(type.getValue().payloadType()))
                .map(type -> type.getKey()).collect(Collectors.toSet());
        assertThat(new HashSet<>(texts(entries, "type"))).as("every deal event type").isEqualTo(dealEventTypes);

        assertThat(texts(entries, "summary")).containsExactly(
                "Won in Lead",
                "Transferred from Sales / Qualified lead to Legal / Lead",
                "Reopened in Qualified lead",
                "Lost in Qualified lead: Price",
                "Handed over from anna to ben: holiday",
                "Comment: Client wants a discount",
                "Meeting: Demo, 45 min",
                "Email opened: Your quote",
                "Email outbound: Your quote",
                "Call inbound, 95 s, answered",
                "Task cancelled: Send contract",
                "Task scheduled: Send contract, due 2026-11-19T09:00:00Z",
                "Task completed: Call back",
                "Task rescheduled: Call back, due 2026-11-18T09:00:00Z instead of 2026-11-17T09:00:00Z",
                "Task scheduled: Call back, due 2026-11-17T09:00:00Z",
                "Moved from Lead to Qualified lead",
                "Probability set to 35 %",
                "Expected close date set to 2026-12-15",
                "Amount changed from 1500.00 EUR to 2000.00 EUR",
                "Details edited: title, client.company, client.contactPerson, sourceChannel",
                "Opened in Lead");

        JsonNode opened = entry(timeline, 0);
        assertThat(opened.get("type").asString()).isEqualTo("DealOpened");
        assertThat(opened.get("occurredAt").asString()).isEqualTo("2026-11-16T09:00:00Z");
        assertThat(opened.get("recordedAt").asString()).isEqualTo("2026-11-16T09:00:02Z");
        assertThat(opened.get("actor").asString()).isEqualTo("anna");
        assertThat(opened.get("source").asString()).isEqualTo("web");
        assertThat(opened.get("correlationId").asString()).isEqualTo("corr-" + dealId + "-0");
        assertThat(changes(opened)).containsExactly("stage: null -> lead", "title: null -> Forty seats",
                "owner: null -> anna", "team: null -> north", "amount: null -> 1500.00 EUR");

        assertThat(changes(entry(timeline, 1))).containsExactly("title: Forty seats -> Forty-two seats",
                "client.company: null -> Acme", "client.contactPerson: null -> Jo", "sourceChannel: null -> referral");
        assertThat(changes(entry(timeline, 2))).containsExactly("amount: 1500.00 EUR -> 2000.00 EUR");
        assertThat(changes(entry(timeline, 3))).containsExactly("expectedCloseDate: null -> 2026-12-15");
        assertThat(changes(entry(timeline, 4))).containsExactly("probabilityOverride: null -> 35");
        JsonNode moved = entry(timeline, 5);
        assertThat(changes(moved)).containsExactly("stage: lead -> qualified");
        assertThat(moved.get("changes").get(0).get("fromName").asString()).isEqualTo("Lead");
        assertThat(moved.get("changes").get(0).get("toName").asString()).as("named as the stage is called now")
                .isEqualTo("Qualified lead");
        assertThat(moved.get("stageName").asString()).isEqualTo("Qualified lead");
        assertThat(changes(entry(timeline, 16))).containsExactly("owner: anna -> ben");
        assertThat(entry(timeline, 16).get("note").asString()).isEqualTo("holiday");
        assertThat(entry(timeline, 16).get("actor").asString()).isEqualTo("max");
        assertThat(changes(entry(timeline, 17))).containsExactly("status: OPEN -> LOST", "lostReason: null -> Price");
        assertThat(entry(timeline, 17).get("note").asString()).isEqualTo("too dear");
        assertThat(changes(entry(timeline, 18))).containsExactly("status: LOST -> OPEN");
        JsonNode transferred = entry(timeline, 19);
        assertThat(changes(transferred)).containsExactly("pipeline: " + sales + " -> " + legal,
                "stage: qualified -> lead");
        assertThat(transferred.get("changes").get(0).get("toName").asString()).isEqualTo("Legal");
        assertThat(transferred.get("changes").get(1).get("fromName").asString()).isEqualTo("Qualified lead");
        assertThat(changes(entry(timeline, 20))).containsExactly("status: OPEN -> WON");

        JsonNode call = entry(timeline, 11);
        assertThat(call.get("actor").asString()).isEqualTo("telephony");
        assertThat(call.get("source").asString()).isEqualTo("integration");
        assertThat(call.get("changes")).isEmpty();
        assertThat(call.get("activity").get("kind").asString()).isEqualTo("CALL");
        assertThat(call.get("activity").get("direction").asString()).isEqualTo("INBOUND");
        assertThat(call.get("activity").get("durationSeconds").asLong()).isEqualTo(95);
        assertThat(call.get("activity").get("answered").asBoolean()).isTrue();
        assertThat(call.get("activity").get("phoneNumber").asString()).isEqualTo("+49 30 1234567");
        JsonNode email = entry(timeline, 12).get("activity");
        assertThat(email.get("subject").asString()).isEqualTo("Your quote");
        assertThat(email.get("fromAddress").asString()).isEqualTo("anna@pipeline.example.com");
        assertThat(email.get("toAddress").asString()).isEqualTo("jo@acme.example.org");
        assertThat(entry(timeline, 13).get("activity").get("subject").asString()).as("opened: the email it was")
                .isEqualTo("Your quote");
        assertThat(entry(timeline, 15).get("activity").get("text").asString()).isEqualTo("Client wants a discount");
        JsonNode rescheduled = entry(timeline, 7).get("activity");
        assertThat(rescheduled.get("title").asString()).isEqualTo("Call back");
        assertThat(rescheduled.get("dueAt").asString()).isEqualTo("2026-11-18T09:00:00Z");
        assertThat(rescheduled.get("previousDueAt").asString()).isEqualTo("2026-11-17T09:00:00Z");
    }

    @Test
    void theTimelineIsFilteredByTypeAndShownToWhomTheDealIsShown() throws Exception {
        String dealId = dealThroughEveryEvent(newId("sales"), newId("legal"));

        JsonNode activities = get("/deals/" + dealId + "/timeline?types=CallLogged,EmailLogged, CommentAdded").getBody();
        assertThat(texts(activities.get("entries"), "type")).containsExactly("CommentAdded", "EmailLogged",
                "CallLogged");
        assertThat(activities.get("total").asLong()).isEqualTo(3);

        String path = "/deals/" + dealId + "/timeline";
        // Handed over to Ben: the rights moved with the deal.
        assertThat(get(path, BEN).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(path, MAX).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(path, VERA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(get(path, ANNA), HttpStatus.NOT_FOUND);
        assertProblem(get(path, SAM), HttpStatus.NOT_FOUND);
        assertProblem(get(path, NINA), HttpStatus.NOT_FOUND);
        assertProblem(get(path, TELEPHONY), HttpStatus.FORBIDDEN);
    }

    @Test
    void aLongTimelinePagesWithoutGapsOrOverlaps() throws Exception {
        String dealId = newId("deal");
        HistoryScript script = new HistoryScript(this::publish);
        script.publish(new DealOpened(dealId, newId("sales"), "lead", "Chatty", "anna", "north", null, T0));
        // Comments two at the same instant, so that the order within an instant counts too.
        for (int i = 1; i < 500; i++) {
            script.publish(new CommentAdded(dealId, "comment-" + i, "Note " + i, T0.plusSeconds(60L * (i / 2 + 1))));
        }
        awaitAllConsumed();

        List<Long> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode timeline = get("/deals/" + dealId + "/timeline?size=200&page=" + page, ANNA).getBody();
            assertThat(timeline.get("total").asLong()).isEqualTo(500);
            assertThat(timeline.get("page").asInt()).isEqualTo(page);
            assertThat(timeline.get("size").asInt()).isEqualTo(200);
            timeline.get("entries").forEach(entry -> seen.add(entry.get("sequence").asLong()));
        }
        List<Long> newestFirst = new ArrayList<>();
        for (long sequence = 499; sequence >= 0; sequence--) {
            newestFirst.add(sequence);
        }
        assertThat(seen).isEqualTo(newestFirst);
        assertThat(get("/deals/" + dealId + "/timeline?size=200&page=3").getBody().get("entries")).isEmpty();
        JsonNode defaults = get("/deals/" + dealId + "/timeline").getBody();
        assertThat(defaults.get("entries")).hasSize(50);
        assertThat(defaults.get("entries").get(0).get("summary").asString()).isEqualTo("Comment: Note 499");
    }

    @Test
    void badParametersAreBadRequestProblemsAndAnUnknownDealIsNotFound() throws Exception {
        String dealId = newId("deal");
        new HistoryScript(this::publish).publish(new DealOpened(dealId, newId("sales"), "lead", "Params", "anna",
                "north", null, T0));
        awaitAllConsumed();
        String path = "/deals/" + dealId + "/timeline";

        assertThat(get(path).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(get(path + "?size=0"), HttpStatus.BAD_REQUEST);
        assertProblem(get(path + "?size=201"), HttpStatus.BAD_REQUEST);
        assertProblem(get(path + "?page=-1"), HttpStatus.BAD_REQUEST);
        assertProblem(get(path + "?page=first"), HttpStatus.BAD_REQUEST);
        assertProblem(get(path + "?types=DealOpened,PipelineDefined"), HttpStatus.BAD_REQUEST);
        assertProblem(get(path + "?types=NoSuchEvent"), HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> unknown = get("/deals/no-such-deal-" + UUID.randomUUID() + "/timeline");
        assertProblem(unknown, HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("detail").asString()).contains("no-such-deal");
    }

    @Test
    void theEntriesKeepTheirValuesAsText() throws Exception {
        String dealId = newId("deal");
        HistoryScript script = new HistoryScript(this::publish);
        script.publish(new DealOpened(dealId, newId("sales"), "lead", "Dates", "anna", "north", null, T0));
        script.publish(new ExpectedCloseDateChanged(dealId, null, LocalDate.parse("2026-12-01"), minute(1)));
        script.publish(new ExpectedCloseDateChanged(dealId, LocalDate.parse("2026-12-01"),
                LocalDate.parse("2027-01-15"), minute(2)));
        script.publish(new ExpectedCloseDateChanged(dealId, LocalDate.parse("2027-01-15"), null, minute(3)));
        script.publish(new ProbabilityOverridden(dealId, 35, 60, minute(4)));
        script.publish(new ProbabilityOverridden(dealId, 60, null, minute(5)));
        script.publish(new DealAmountChanged(dealId, null, Money.of("10", "USD"), minute(6)));
        script.publish(new CallLogged(dealId, "call-2", Direction.OUTBOUND, minute(7), 0, false, "+1 555 0100",
                null, null, null));
        awaitAllConsumed();

        JsonNode entries = get("/deals/" + dealId + "/timeline").getBody().get("entries");
        assertThat(entries).extracting(entry -> entry.get("summary").asString(), entry -> changes(entry))
                .containsExactly(
                        tuple("Call outbound, 0 s, missed", List.of()),
                        tuple("Amount set to 10 USD", List.of("amount: null -> 10 USD")),
                        tuple("Probability back to the stage's default (was 60 %)",
                                List.of("probabilityOverride: 60 -> null")),
                        tuple("Probability changed from 35 % to 60 %", List.of("probabilityOverride: 35 -> 60")),
                        tuple("Expected close date cleared (was 2027-01-15)",
                                List.of("expectedCloseDate: 2027-01-15 -> null")),
                        tuple("Expected close date changed from 2026-12-01 to 2027-01-15",
                                List.of("expectedCloseDate: 2026-12-01 -> 2027-01-15")),
                        tuple("Expected close date set to 2026-12-01", List.of("expectedCloseDate: null -> 2026-12-01")),
                        tuple("Opened in lead", List.of("stage: null -> lead", "title: null -> Dates",
                                "owner: null -> anna", "team: null -> north")));
    }

    @Test
    void aCallShowsWhatTheDictionariesFoundInItsTranscript() throws Exception {
        String dealId = newId("deal");
        HistoryScript script = new HistoryScript(this::publish);
        script.publish(new DealOpened(dealId, newId("sales"), "lead", "Transcripts", "anna", "north", null, T0));
        String transcript = "Добрий день. Я не можу вам це гарантувати.";
        script.publish(new CallLogged(dealId, "call-3", Direction.INBOUND, minute(1), 95, true, "+49 30 1234567",
                null, transcript, "ext-call-3", List.of(new TranscriptMatch("uk", "stop-words", "не можу", 15, 22,
                "не можу"))), "telephony", "integration");
        script.publish(new CallLogged(dealId, "call-4", Direction.OUTBOUND, minute(2), 30, true, "+49 30 1234567",
                null, "Дякую за дзвінок.", "ext-call-4"), "telephony", "integration");
        awaitAllConsumed();

        JsonNode entries = get("/deals/" + dealId + "/timeline").getBody().get("entries");
        JsonNode clean = entries.get(0).get("activity");
        JsonNode matched = entries.get(1).get("activity");
        assertThat(clean.get("activityId").asString()).isEqualTo("call-4");
        assertThat(clean.has("transcriptMatches")).as("a call without matches has none").isFalse();
        assertThat(matched.get("activityId").asString()).isEqualTo("call-3");
        assertThat(matched.get("transcriptMatches")).hasSize(1);
        JsonNode match = matched.get("transcriptMatches").get(0);
        assertThat(List.of(match.get("language").asString(), match.get("list").asString(),
                match.get("phrase").asString(), match.get("text").asString()))
                .containsExactly("uk", "stop-words", "не можу", "не можу");
        assertThat(transcript.substring(match.get("start").asInt(), match.get("end").asInt())).isEqualTo("не можу");
    }
}
