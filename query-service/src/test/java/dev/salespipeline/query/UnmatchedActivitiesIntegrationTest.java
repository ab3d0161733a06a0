package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The unmatched activities list against real Kafka and the MongoDB wire protocol: reported calls and
 * emails that found no deal are listed until someone attaches them, duplicates and replays change
 * nothing, and each caller sees what their role allows. Every test reports from a source system of its
 * own, and filters the list by it, so that tests do not see each other's activities.
 */
class UnmatchedActivitiesIntegrationTest extends QueryServiceTestBase {

    private static final String COLLECTION = "unmatched_activities";

    @Autowired
    MongoTemplate mongo;

    private static String newSourceSystem() {
        return "telephony-" + UUID.randomUUID();
    }

    private static ActivityReceived unmatchedEmail(String sourceSystem, String externalId, String ownerId,
                                                   Instant sentAt) {
        return new ActivityReceived(ActivityIds.of(sourceSystem, externalId), sourceSystem, externalId,
                ActivityKind.EMAIL, Direction.OUTBOUND, sentAt, 0, false, null, null, null, "Your quote",
                "anna@pipeline.example.com", "jo@client.example.org", ownerId, null, ActivityMatch.UNMATCHED);
    }

    private static ActivityReceived matchedCall(String sourceSystem, String externalId, String dealId) {
        return new ActivityReceived(ActivityIds.of(sourceSystem, externalId), sourceSystem, externalId,
                ActivityKind.CALL, Direction.INBOUND, MONDAY_MORNING, 60, true, "+49 30 7654321", null, null, null,
                null, null, "anna", dealId, ActivityMatch.PHONE);
    }

    private void report(ActivityReceived received) throws Exception {
        publish(received.activityId(), asPublished(received, 0, "telephony"));
    }

    private void attach(String activityId, String dealId, String ownerId, long sequence, String actor)
            throws Exception {
        publish(activityId, asPublished(new ActivityAttached(activityId, dealId, ownerId,
                MONDAY_MORNING.plusSeconds(7200)), sequence, actor));
    }

    private JsonNode awaitActivity(String activityId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> get("/activities/" + activityId),
                response -> response.getStatusCode() == HttpStatus.OK).getBody();
    }

    private List<String> listed(String query, String token) {
        ResponseEntity<JsonNode> response = get("/activities/unmatched?" + query, token);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        response.getBody().forEach(activity -> ids.add(activity.get("activityId").asString()));
        return ids;
    }

    private List<String> listed(String query) {
        return listed(query, ADA);
    }

    private long documentsOf(String sourceSystem, String externalId) {
        return mongo.count(Query.query(where("sourceSystem").is(sourceSystem).and("externalId").is(externalId)),
                COLLECTION);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
    }

    @Test
    void anUnmatchedCallIsListedWithWhatWasReportedAndAMatchedOneIsNot() throws Exception {
        String source = newSourceSystem();
        ActivityReceived unmatched = unmatchedCall(source, "call-1", "anna", MONDAY_MORNING);
        ActivityReceived matched = matchedCall(source, "call-2", "deal-" + UUID.randomUUID());
        report(matched);
        report(unmatched);
        awaitActivity(unmatched.activityId());
        awaitAllConsumed();

        assertThat(listed("sourceSystem=" + source)).containsExactly(unmatched.activityId());
        assertProblem(get("/activities/" + matched.activityId()), HttpStatus.NOT_FOUND);

        JsonNode call = get("/activities/" + unmatched.activityId()).getBody();
        assertThat(call.get("activityId").asString()).isEqualTo(unmatched.activityId());
        assertThat(call.get("sourceSystem").asString()).isEqualTo(source);
        assertThat(call.get("externalId").asString()).isEqualTo("call-1");
        assertThat(call.get("kind").asString()).isEqualTo("CALL");
        assertThat(call.get("direction").asString()).isEqualTo("INBOUND");
        assertThat(call.get("occurredAt").asString()).isEqualTo("2026-11-16T09:00:00Z");
        assertThat(call.get("durationSeconds").asLong()).isEqualTo(95);
        assertThat(call.get("answered").asBoolean()).isTrue();
        assertThat(call.get("phoneNumber").asString()).isEqualTo("+49 30 1234567");
        assertThat(call.get("ownerId").asString()).isEqualTo("anna");
        assertThat(call.get("receivedAt").asString()).isEqualTo("2026-11-16T09:00:01Z");
        assertThat(call.get("attachedTo").isNull()).isTrue();
        assertThat(call.get("lastSequence").asLong()).isZero();
    }

    @Test
    void anAttachedActivityLeavesTheDefaultListAndIsStillListedOnRequest() throws Exception {
        String source = newSourceSystem();
        ActivityReceived call = unmatchedCall(source, "call-1", null, MONDAY_MORNING);
        String dealId = "deal-" + UUID.randomUUID();
        report(call);
        awaitActivity(call.activityId());
        assertThat(listed("sourceSystem=" + source)).containsExactly(call.activityId());

        attach(call.activityId(), dealId, "ben", 1, "anna");
        JsonNode attached = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/activities/" + call.activityId()).getBody(), a -> !a.get("attachedTo").isNull());

        assertThat(attached.get("attachedTo").asString()).isEqualTo(dealId);
        assertThat(attached.get("attachedBy").asString()).isEqualTo("anna");
        assertThat(attached.get("attachedAt").asString()).isEqualTo("2026-11-16T11:00:00Z");
        assertThat(attached.get("ownerId").asString()).isEqualTo("ben");
        assertThat(attached.get("lastSequence").asLong()).isEqualTo(1);
        assertThat(attached.get("phoneNumber").asString()).as("the report is kept").isEqualTo("+49 30 1234567");
        assertThat(listed("sourceSystem=" + source)).isEmpty();
        assertThat(listed("sourceSystem=" + source + "&includeAttached=false")).isEmpty();
        ResponseEntity<JsonNode> withAttached = get("/activities/unmatched?includeAttached=true&sourceSystem=" + source);
        assertThat(withAttached.getBody()).hasSize(1);
        assertThat(withAttached.getBody().get(0).get("attachedTo").asString()).isEqualTo(dealId);
    }

    @Test
    void theSameEventTwiceGivesOneDocumentUnchanged() throws Exception {
        String source = newSourceSystem();
        ActivityReceived call = unmatchedCall(source, "call-1", "anna", MONDAY_MORNING);
        String published = asPublished(call, 0, "telephony");
        publish(call.activityId(), published);
        awaitActivity(call.activityId());
        awaitAllConsumed();
        Document before = mongo.findById(call.activityId(), Document.class, COLLECTION);

        // The same record again, and the same event republished with a different owner to make a change visible.
        publish(call.activityId(), published);
        publish(call.activityId(), asPublished(unmatchedCall(source, "call-1", "ben", MONDAY_MORNING), 0, "telephony"));
        awaitAllConsumed();

        assertThat(mongo.findById(call.activityId(), Document.class, COLLECTION)).isEqualTo(before);
        assertThat(documentsOf(source, "call-1")).isEqualTo(1);
        assertThat(listed("sourceSystem=" + source)).containsExactly(call.activityId());
    }

    @Test
    void aRedeliveredOrOlderAttachmentChangesNothing() throws Exception {
        String source = newSourceSystem();
        ActivityReceived call = unmatchedCall(source, "call-1", null, MONDAY_MORNING);
        report(call);
        attach(call.activityId(), "deal-first", "anna", 1, "anna");
        attach(call.activityId(), "deal-second", "ben", 2, "max");
        awaitAllConsumed();
        Document before = mongo.findById(call.activityId(), Document.class, COLLECTION);
        assertThat(before.getString("attachedTo")).isEqualTo("deal-second");

        // Redeliveries of both attachments, the first with a different deal to make a change visible.
        attach(call.activityId(), "deal-other", "sam", 1, "sam");
        attach(call.activityId(), "deal-second", "ben", 2, "max");
        report(call);
        awaitAllConsumed();

        assertThat(mongo.findById(call.activityId(), Document.class, COLLECTION)).isEqualTo(before);
        assertThat(documentsOf(source, "call-1")).isEqualTo(1);
    }

    @Test
    void anAttachmentThatComesBeforeItsReportIsKeptAndCompletedByTheReport() throws Exception {
        // As when the report was dead-lettered and is sent again after its attachment was projected.
        String source = newSourceSystem();
        ActivityReceived call = unmatchedCall(source, "call-1", null, MONDAY_MORNING);
        ActivityReceived email = unmatchedEmail(source, "mail-1", null, MONDAY_MORNING);
        String dealId = "deal-" + UUID.randomUUID();
        attach(call.activityId(), dealId, "ben", 1, "anna");
        // A second one waiting at the same time: neither has a source system yet, and they must not collide.
        attach(email.activityId(), dealId, "ben", 1, "anna");
        awaitAllConsumed();

        assertThat(mongo.count(Query.query(where("_id").in(call.activityId(), email.activityId())), COLLECTION))
                .isEqualTo(2);
        assertProblem(get("/activities/" + call.activityId()), HttpStatus.NOT_FOUND);
        assertThat(listed("includeAttached=true&sourceSystem=" + source)).isEmpty();
        assertThat(listed("includeAttached=true&size=200")).doesNotContain(call.activityId(), email.activityId());

        report(call);
        JsonNode completed = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/activities/" + call.activityId()),
                        response -> response.getStatusCode() == HttpStatus.OK)
                .getBody();
        assertThat(completed.get("sourceSystem").asString()).isEqualTo(source);
        assertThat(completed.get("occurredAt").asString()).isEqualTo("2026-11-16T09:00:00Z");
        assertThat(completed.get("attachedTo").asString()).isEqualTo(dealId);
        assertThat(completed.get("ownerId").asString()).isEqualTo("ben");
        assertThat(completed.get("lastSequence").asLong()).isEqualTo(1);
        assertThat(listed("sourceSystem=" + source)).isEmpty();
        assertThat(listed("includeAttached=true&sourceSystem=" + source)).containsExactly(call.activityId());

        report(email);
        awaitActivity(email.activityId());
        assertThat(listed("includeAttached=true&sourceSystem=" + source))
                .containsExactlyInAnyOrder(call.activityId(), email.activityId());
    }

    @Test
    void aRepSeesTheirOwnAndOwnerlessActivitiesAManagerTheirTeamsAndOthersSeeAll() throws Exception {
        String source = newSourceSystem();
        // How this side learns that anna and ben are in team north.
        for (String rep : List.of("anna", "ben")) {
            DealOpened opened = new DealOpened("deal-" + source + "-" + rep, "sales", "lead", "A deal of " + rep, rep,
                    "north", null, MONDAY_MORNING);
            publish(opened.dealId(), asPublished(opened, 0, "ada"));
        }
        ActivityReceived annas = unmatchedCall(source, "call-anna", "anna", MONDAY_MORNING);
        ActivityReceived bens = unmatchedCall(source, "call-ben", "ben", MONDAY_MORNING.plusSeconds(60));
        ActivityReceived nobodys = unmatchedCall(source, "call-nobody", null, MONDAY_MORNING.plusSeconds(120));
        report(annas);
        report(bens);
        report(nobodys);
        awaitActivity(annas.activityId());
        awaitActivity(bens.activityId());
        awaitActivity(nobodys.activityId());
        awaitAllConsumed();

        String bySource = "sourceSystem=" + source;
        assertThat(listed(bySource, ANNA)).containsExactly(nobodys.activityId(), annas.activityId());
        assertThat(listed(bySource, BEN)).containsExactly(nobodys.activityId(), bens.activityId());
        assertThat(listed(bySource + "&ownerId=ben", ANNA)).isEmpty();
        for (String seesAll : List.of(ADA, MAX, VERA)) {
            assertThat(listed(bySource, seesAll))
                    .containsExactly(nobodys.activityId(), bens.activityId(), annas.activityId());
        }
        assertThat(listed(bySource, NINA)).as("south's manager: nobody's, not north's")
                .containsExactly(nobodys.activityId());
        assertProblem(get("/activities/unmatched?" + bySource, TELEPHONY), HttpStatus.FORBIDDEN);

        assertThat(get("/activities/" + annas.activityId(), ANNA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/activities/" + nobodys.activityId(), ANNA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(get("/activities/" + bens.activityId(), ANNA), HttpStatus.NOT_FOUND);
        assertThat(get("/activities/" + bens.activityId(), MAX).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(get("/activities/" + bens.activityId(), NINA), HttpStatus.NOT_FOUND);
        assertProblem(get("/activities/" + bens.activityId(), TELEPHONY), HttpStatus.FORBIDDEN);
    }

    @Test
    void filtersAndPagesNarrowTheListNewestFirst() throws Exception {
        String source = newSourceSystem();
        ActivityReceived early = unmatchedCall(source, "call-early", "anna", MONDAY_MORNING);
        ActivityReceived email = unmatchedEmail(source, "mail-1", "anna", MONDAY_MORNING.plusSeconds(3600));
        ActivityReceived late = unmatchedCall(source, "call-late", "ben", MONDAY_MORNING.plusSeconds(7200));
        report(early);
        report(email);
        report(late);
        awaitActivity(early.activityId());
        awaitActivity(email.activityId());
        awaitActivity(late.activityId());

        String bySource = "sourceSystem=" + source;
        assertThat(listed(bySource)).containsExactly(late.activityId(), email.activityId(), early.activityId());
        assertThat(listed(bySource + "&kind=EMAIL")).containsExactly(email.activityId());
        assertThat(listed(bySource + "&kind=CALL")).containsExactly(late.activityId(), early.activityId());
        assertThat(listed(bySource + "&ownerId=anna")).containsExactly(email.activityId(), early.activityId());
        assertThat(listed(bySource + "&from=2026-11-16T10:00:00Z")).containsExactly(late.activityId(),
                email.activityId());
        assertThat(listed(bySource + "&to=2026-11-16T10:00:00Z")).as("to is exclusive")
                .containsExactly(early.activityId());
        assertThat(listed(bySource + "&from=2026-11-16T09:30:00Z&to=2026-11-16T10:30:00Z"))
                .containsExactly(email.activityId());
        assertThat(listed(bySource + "&size=2")).containsExactly(late.activityId(), email.activityId());
        assertThat(listed(bySource + "&size=2&page=1")).containsExactly(early.activityId());
        assertThat(listed(bySource + "&size=2&page=2")).isEmpty();
        assertThat(listed("sourceSystem=elsewhere-" + UUID.randomUUID())).isEmpty();

        JsonNode mail = get("/activities/" + email.activityId()).getBody();
        assertThat(mail.get("subject").asString()).isEqualTo("Your quote");
        assertThat(mail.get("fromAddress").asString()).isEqualTo("anna@pipeline.example.com");
        assertThat(mail.get("toAddress").asString()).isEqualTo("jo@client.example.org");
        assertThat(mail.get("direction").asString()).isEqualTo("OUTBOUND");
    }

    @Test
    void badParametersAreBadRequestProblems() {
        for (String query : List.of("from=yesterday", "to=2026-11-16", "from=2026-11-16T10:00:00Z&to=2026-11-16T09:00:00Z",
                "size=0", "size=201", "page=-1", "kind=FAX", "includeAttached=perhaps")) {
            ResponseEntity<JsonNode> response = get("/activities/unmatched?" + query);
            assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().get("status").asInt()).as(query).isEqualTo(400);
        }
        assertThat(get("/activities/unmatched?from=2026-11-16T10:00:00Z&to=2026-11-16T09:00:00Z").getBody()
                .get("detail").asString()).contains("after");
        assertThat(get("/activities/unmatched?size=200").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anUnknownActivityIsANotFoundProblem() {
        ResponseEntity<JsonNode> response = get("/activities/act-no-such-activity");

        assertProblem(response, HttpStatus.NOT_FOUND);
        assertThat(response.getBody().get("detail").asString()).contains("act-no-such-activity");
    }

    @Test
    void callersWithoutAValidTokenAreUnauthorized() {
        String expired = TestTokens.user("anna").roles("rep").expired().token();
        for (String path : List.of("/activities/unmatched", "/activities/act-1")) {
            assertProblem(get(path, null), HttpStatus.UNAUTHORIZED);
            assertProblem(get(path, expired), HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void theListIsIndexedForItsQueriesAndOneDocumentPerReport() {
        List<IndexInfo> indexes = mongo.indexOps(COLLECTION).getIndexInfo();

        assertThat(indexes).extracting(IndexInfo::getName)
                .contains("attached_occurred", "owner_occurred", "source_external");
        assertThat(indexes).filteredOn(index -> index.getName().equals("source_external"))
                .singleElement().satisfies(index -> {
                    assertThat(index.isUnique()).isTrue();
                    assertThat(index.isSparse()).as("documents of early attachments have no source yet").isTrue();
                });
    }
}
