package dev.salespipeline.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.live.SseClient.Event;
import tools.jackson.databind.JsonNode;

/**
 * Live changes over Server-Sent Events: board and deal streams get the right events at once, a client
 * that reconnects with Last-Event-ID gets exactly what it missed, and each caller only what they may see.
 */
class LiveChangesIntegrationTest extends QueryServiceTestBase {

    @Autowired
    ChangeHub hub;

    private static final Duration SOON = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String POSITION = "e:0=-?\\d+,1=-?\\d+,2=-?\\d+,3=-?\\d+,4=-?\\d+,5=-?\\d+";

    private SseClient subscribe(String path, String token) throws Exception {
        return subscribe(path, token, null);
    }

    private SseClient subscribe(String path, String token, String lastEventId) throws Exception {
        return SseClient.connect("http://localhost:" + port + path, token, lastEventId);
    }

    private static DealOpened opened(String dealId, String pipelineId, String ownerId, String teamId) {
        return new DealOpened(dealId, pipelineId, "lead", "Forty seats", ownerId, teamId, Money.of("1500.00", "EUR"),
                MONDAY_MORNING);
    }

    private static DealMovedToStage moved(String dealId, String pipelineId, String from, String to, long minutes) {
        return new DealMovedToStage(dealId, pipelineId, from, to, MONDAY_MORNING.plusSeconds(60 * minutes));
    }

    /** Publishes an event and returns its eventId. */
    private String publish(DomainEvent event, long sequence) throws Exception {
        String envelope = asPublished(event, sequence, "anna");
        publish(event.aggregateId(), envelope);
        return JSON.readTree(envelope).get("eventId").asString();
    }

    private static List<String> eventIds(List<Event> events) {
        List<String> ids = new ArrayList<>();
        events.forEach(event -> ids.add(JSON.readTree(event.data()).get("eventId").asString()));
        return ids;
    }

    private void awaitCard(String dealId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/deals/" + dealId).getStatusCode() == HttpStatus.OK);
    }

    @Test
    void aBoardStreamGetsADealMoveAtOnceWithTheEnvelopeAndAPositionAsId() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String dealId = "deal-" + UUID.randomUUID();
        try (SseClient board = subscribe("/live/pipelines/" + pipelineId, ADA)) {
            assertThat(board.status()).isEqualTo(200);
            assertThat(board.contentType()).startsWith("text/event-stream");

            Instant published = Instant.now();
            String eventId = publish(moved(dealId, pipelineId, "lead", "proposal-sent", 5), 1);

            Event event = board.next(SOON);
            assertThat(event).as("received within %s", SOON).isNotNull();
            assertThat(Duration.between(published, Instant.now())).isLessThan(SOON);
            assertThat(event.name()).isEqualTo("DealMovedToStage");
            assertThat(event.id()).matches(POSITION);
            JsonNode data = JSON.readTree(event.data());
            assertThat(data.get("eventId").asString()).isEqualTo(eventId);
            assertThat(data.get("type").asString()).isEqualTo("DealMovedToStage");
            assertThat(data.get("aggregateId").asString()).isEqualTo(dealId);
            assertThat(data.get("aggregateSequence").asLong()).isEqualTo(1);
            assertThat(data.get("occurredAt").asString()).isEqualTo("2026-11-16T09:05:00Z");
            assertThat(data.get("actor").asString()).isEqualTo("anna");
            assertThat(data.get("payload").get("toStageId").asString()).isEqualTo("proposal-sent");
            assertThat(data.get("payload").get("pipelineId").asString()).isEqualTo(pipelineId);
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsExactlyWhatItMissedThenLiveChanges() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String elsewhere = "pipeline-" + UUID.randomUUID();
        String first = "deal-" + UUID.randomUUID();
        String second = "deal-" + UUID.randomUUID();
        String lastId;
        try (SseClient board = subscribe("/live/pipelines/" + pipelineId, ADA)) {
            publish(opened(first, pipelineId, "anna", "north"), 0);
            publish(moved(first, pipelineId, "lead", "qualified", 1), 1);
            List<Event> before = board.next(2, SOON);
            assertThat(before).extracting(Event::name).containsExactly("DealOpened", "DealMovedToStage");
            lastId = before.get(1).id();
        }

        // Missed while away: two deals of the board, which land on different partitions, and one of another board.
        List<String> missed = new ArrayList<>();
        missed.add(publish(moved(first, pipelineId, "qualified", "proposal-sent", 2), 2));
        missed.add(publish(opened(second, pipelineId, "ben", "north"), 0));
        missed.add(publish(moved(first, pipelineId, "proposal-sent", "negotiation", 3), 3));
        missed.add(publish(moved(second, pipelineId, "lead", "qualified", 4), 1));
        String otherDeal = "deal-" + UUID.randomUUID();
        publish(opened(otherDeal, elsewhere, "anna", "north"), 0);

        try (SseClient resumed = subscribe("/live/pipelines/" + pipelineId, ADA, lastId)) {
            assertThat(resumed.status()).isEqualTo(200);
            List<Event> caughtUp = resumed.next(missed.size(), SOON);
            assertThat(eventIds(caughtUp)).containsExactlyInAnyOrderElementsOf(missed);
            assertThat(resumed.next(QUIET)).as("nothing twice, nothing of another board").isNull();

            String live = publish(moved(second, pipelineId, "qualified", "won", 5), 2);
            Event next = resumed.next(SOON);
            assertThat(next).isNotNull();
            assertThat(eventIds(List.of(next))).containsExactly(live);
            assertThat(resumed.next(QUIET)).isNull();

            // Resuming from the last id again gets nothing more: it is the current position.
            try (SseClient again = subscribe("/live/pipelines/" + pipelineId, ADA, next.id())) {
                assertThat(again.next(QUIET)).isNull();
            }
            // Resuming from within the missed ones gets the rest, in order per deal.
            try (SseClient partly = subscribe("/live/pipelines/" + pipelineId, ADA, caughtUp.get(0).id())) {
                List<Event> rest = partly.next(4, SOON);
                List<String> expected = new ArrayList<>(eventIds(caughtUp).subList(1, caughtUp.size()));
                expected.add(live);
                assertThat(eventIds(rest)).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(partly.next(QUIET)).isNull();
            }
        }
    }

    @Test
    void aDealStreamGetsOnlyThatDealsEventsAndActivitiesAttachedToIt() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String dealId = "deal-" + UUID.randomUUID();
        String otherDeal = "deal-" + UUID.randomUUID();
        publish(opened(dealId, pipelineId, "anna", "north"), 0);
        publish(opened(otherDeal, pipelineId, "anna", "north"), 0);
        awaitCard(dealId);

        try (SseClient timeline = subscribe("/live/deals/" + dealId, ANNA)) {
            assertThat(timeline.status()).isEqualTo(200);
            publish(moved(otherDeal, pipelineId, "lead", "qualified", 1), 1);
            String move = publish(moved(dealId, pipelineId, "lead", "qualified", 1), 1);
            String attached = publish(new ActivityAttached("activity-" + UUID.randomUUID(), dealId, "anna",
                    MONDAY_MORNING.plusSeconds(120)), 1);

            List<Event> events = timeline.next(2, SOON);
            assertThat(eventIds(events)).containsExactlyInAnyOrder(move, attached);
            assertThat(timeline.next(QUIET)).isNull();
        }
    }

    @Test
    void eachCallerGetsOnlyTheChangesOfDealsTheyMaySee() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String annas = "deal-" + UUID.randomUUID();
        String sams = "deal-" + UUID.randomUUID();
        publish(opened(annas, pipelineId, "anna", "north"), 0);
        awaitCard(annas);

        SseClient forbidden = subscribe("/live/deals/" + annas, SAM);
        assertThat(forbidden.status()).as("as reading the deal").isEqualTo(404);
        assertThat(forbidden.contentType()).isEqualTo("application/problem+json");

        try (SseClient annasBoard = subscribe("/live/pipelines/" + pipelineId, ANNA);
             SseClient samsBoard = subscribe("/live/pipelines/" + pipelineId, SAM);
             SseClient managersBoard = subscribe("/live/pipelines/" + pipelineId, MAX)) {
            String annasMove = publish(moved(annas, pipelineId, "lead", "qualified", 1), 1);
            assertThat(eventIds(annasBoard.next(1, SOON))).containsExactly(annasMove);
            assertThat(eventIds(managersBoard.next(1, SOON))).containsExactly(annasMove);

            // Published after Anna's move reached the streams: Sam would have had that first.
            String samsOpening = publish(opened(sams, pipelineId, "sam", "south"), 0);
            assertThat(eventIds(samsBoard.next(1, SOON))).containsExactly(samsOpening);
            assertThat(samsBoard.next(QUIET)).isNull();
            assertThat(annasBoard.next(QUIET)).isNull();
            assertThat(managersBoard.next(QUIET)).isNull();
        }
    }

    @Test
    void aStreamTheServerEndsIsCompletedCleanlyThroughTheSecurityFilters() throws Exception {
        String pipelineId = "pipeline-" + UUID.randomUUID();
        String dealId = "deal-" + UUID.randomUUID();
        try (SseClient board = subscribe("/live/pipelines/" + pipelineId, ANNA)) {
            String opening = publish(opened(dealId, pipelineId, "anna", "north"), 0);
            assertThat(eventIds(board.next(1, SOON))).containsExactly(opening);

            // As on shutdown or a timeout: the completion is an async dispatch through the filter chain.
            hub.closeAll();

            await().atMost(SOON).until(board::ended);
            assertThat(board.unknownLines()).isEmpty();
        }
        assertThat(hub.open()).isZero();
        try (SseClient again = subscribe("/live/pipelines/" + pipelineId, ANNA)) {
            assertThat(again.status()).isEqualTo(200);
            String move = publish(moved(dealId, pipelineId, "lead", "qualified", 1), 1);
            assertThat(eventIds(again.next(1, SOON))).containsExactly(move);
        }
    }

    @Test
    void aStreamWithoutAValidTokenIsUnauthorized() throws Exception {
        for (String path : List.of("/live/pipelines/sales", "/live/deals/deal-1", "/live/metrics")) {
            SseClient anonymous = subscribe(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).as(path).isEqualTo("application/problem+json");
        }
        assertThat(subscribe("/live/pipelines/sales", TELEPHONY).status()).isEqualTo(403);
    }

    @Test
    void aMalformedLastEventIdIsABadRequestProblem() throws Exception {
        for (String bad : List.of("garbage", "e:0=1", "e:0=1,1=2,2=3,3=4,4=5,5=x", "e:0=1,1=2,2=3,3=4,4=5,5=6,6=7",
                "e:0=1,0=2,1=2,2=3,3=4,4=5,5=6", "opened-deals.v1:0=1,1=2,2=3,3=4,4=5,5=6",
                "e:0=99999999999999999999,1=2,2=3,3=4,4=5,5=6")) {
            SseClient client = subscribe("/live/pipelines/sales", ADA, bad);
            assertThat(client.status()).as(bad).isEqualTo(400);
            assertThat(client.contentType()).as(bad).isEqualTo("application/problem+json");
            assertThat(JSON.readTree(client.body()).get("detail").asString()).as(bad).contains("Last-Event-ID");
        }
        SseClient eventsIdOnMetrics = subscribe("/live/metrics", ADA, "e:0=1,1=2,2=3,3=4,4=5,5=6");
        assertThat(eventsIdOnMetrics.status()).isEqualTo(400);
    }
}
