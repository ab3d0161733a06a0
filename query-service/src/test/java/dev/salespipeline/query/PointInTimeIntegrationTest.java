package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import tools.jackson.databind.JsonNode;

/**
 * Stage intervals, the board as it stood at past instants and the change report between two instants,
 * against real Kafka and the MongoDB wire protocol. Every test scripts the same history with deals and
 * pipelines of its own:
 *
 * <pre>
 * hour  0  A opened in Lead (1000 EUR), E opened in Lead, G opened in Lead (300 EUR), H opened in Proposal (800 EUR)
 * hour  1  A to Qualified;  1.5 B (Ben's) opened in Qualified (500 USD);  2 A's amount 1500 EUR, B's close date 1 Dec
 * hour  3  C opened in Proposal (2000 EUR);  5 J opened in Demo;  10 H's probability 35 %;  20 E transferred to Legal
 * hour 24  ---- from ----
 * hour 26  A to Proposal;  30 H back to Qualified, I opened, B's close date 20 Dec;  31 B won;  32 I won;
 * hour 35  H's amount 900 EUR;  40 C lost;  48 D opened in Lead;  50 A back to Qualified;  60 G to Negotiation
 * hour 72  ---- to ----
 * hour 74  A to Contract sent;  80 C reopened, Qualified renamed;  90 A handed over to Ben;  100 Demo removed
 * </pre>
 */
class PointInTimeIntegrationTest extends QueryServiceTestBase {

    private static final Instant T0 = MONDAY_MORNING;
    private static final Instant FROM = hour(24);
    private static final Instant TO = hour(72);

    @Autowired
    MongoTemplate mongo;

    private static Instant hour(double hours) {
        return T0.plus(Duration.ofMinutes(Math.round(hours * 60)));
    }

    /** The ids of one scripted history. */
    private record History(String sales, String legal, Map<String, String> deals, HistoryScript script) {

        String deal(String name) {
            return deals.get(name);
        }
    }

    private History script() throws Exception {
        String sales = "sales-" + UUID.randomUUID();
        String legal = "legal-" + UUID.randomUUID();
        Map<String, String> deals = new LinkedHashMap<>();
        for (String name : List.of("A", "B", "C", "D", "E", "G", "H", "I", "J")) {
            deals.put(name, name + "-" + UUID.randomUUID());
        }
        HistoryScript script = new HistoryScript(this::publish);
        History history = new History(sales, legal, deals, script);
        String a = history.deal("A");
        String b = history.deal("B");
        String c = history.deal("C");
        String d = history.deal("D");
        String e = history.deal("E");
        String g = history.deal("G");
        String h = history.deal("H");
        String i = history.deal("I");
        String j = history.deal("J");

        script.publish(HistoryScript.salesPipeline(sales, "Sales", T0.minus(Duration.ofDays(2))), "ada", "web");
        script.publish(new StageAdded(sales, new StageDefinition("demo", "Demo", 30, null, null), 2,
                T0.minus(Duration.ofDays(1))), "ada", "web");
        script.publish(HistoryScript.salesPipeline(legal, "Legal", T0.minus(Duration.ofDays(2))), "ada", "web");

        script.publish(new DealOpened(a, sales, "lead", "Alpha", "anna", "north", Money.of("1000.00", "EUR"), hour(0)));
        script.publish(new DealOpened(e, sales, "lead", "Echo", "sam", "south", Money.of("700.00", "EUR"), hour(0)),
                "sam", "web");
        script.publish(new DealOpened(g, sales, "lead", "Golf", "anna", "north", Money.of("300.00", "EUR"), hour(0)));
        script.publish(new DealOpened(h, sales, "proposal", "Hotel", "anna", "north", Money.of("800.00", "EUR"),
                hour(0)));
        script.publish(new DealMovedToStage(a, sales, "lead", "qualified", hour(1)));
        script.publish(new DealOpened(b, sales, "qualified", "Bravo", "ben", "north", Money.of("500.00", "USD"),
                hour(1.5)), "ben", "web");
        script.publish(new DealAmountChanged(a, Money.of("1000.00", "EUR"), Money.of("1500.00", "EUR"), hour(2)));
        script.publish(new ExpectedCloseDateChanged(b, null, LocalDate.parse("2026-12-01"), hour(2)), "ben", "web");
        script.publish(new DealOpened(c, sales, "proposal", "Charlie", "anna", "north", Money.of("2000.00", "EUR"),
                hour(3)));
        script.publish(new DealOpened(j, sales, "demo", "Juliet", "anna", "north", Money.of("50.00", "EUR"), hour(5)));
        script.publish(new ProbabilityOverridden(h, null, 35, hour(10)));
        script.publish(new DealTransferred(e, sales, "lead", legal, "qualified", hour(20)), "sam", "web");

        script.publish(new DealMovedToStage(a, sales, "qualified", "proposal", hour(26)));
        script.publish(new DealMovedToStage(h, sales, "proposal", "qualified", hour(30)));
        script.publish(new DealOpened(i, sales, "lead", "India", "anna", "north", Money.of("100.00", "EUR"), hour(30)));
        script.publish(new ExpectedCloseDateChanged(b, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-20"),
                hour(30)), "ben", "web");
        script.publish(new DealWon(b, sales, "qualified", Money.of("500.00", "USD"), hour(31)), "ben", "web");
        script.publish(new DealWon(i, sales, "lead", Money.of("100.00", "EUR"), hour(32)));
        script.publish(new DealAmountChanged(h, Money.of("800.00", "EUR"), Money.of("900.00", "EUR"), hour(35)));
        script.publish(new DealLost(c, sales, "proposal", "Price", null, hour(40)));
        script.publish(new DealOpened(d, sales, "lead", "Delta", "anna", "north", null, hour(48)));
        script.publish(new DealMovedToStage(a, sales, "proposal", "qualified", hour(50)));
        script.publish(new DealMovedToStage(g, sales, "lead", "negotiation", hour(60)));

        script.publish(new DealMovedToStage(a, sales, "qualified", "contract", hour(74)));
        script.publish(new DealReopened(c, sales, "proposal", hour(80)));
        script.publish(new StageRenamed(sales, "qualified", "Qualified", "Qualified lead", hour(80)), "ada", "web");
        script.publish(new DealHandedOver(a, "anna", "ben", "north", "north", "holiday", hour(90)), "max", "web");
        script.publish(new StageRemoved(sales, "demo", hour(100)), "ada", "web");
        awaitAllConsumed();
        return history;
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
    }

    private JsonNode board(String pipelineId, Instant at, String token, String extra) {
        ResponseEntity<JsonNode> response = get("/pipelines/" + pipelineId + "/board/as-of?at=" + at + extra, token);
        assertThat(response.getStatusCode()).as(response.toString()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static JsonNode column(JsonNode board, String stageId) {
        for (JsonNode column : board.get("columns")) {
            if (column.get("stageId").asString().equals(stageId)) {
                return column;
            }
        }
        throw new AssertionError("no column " + stageId);
    }

    /** The titles of each column's cards, column by column, as "stage: titles". */
    private static List<String> layout(JsonNode board) {
        List<String> layout = new ArrayList<>();
        board.get("columns").forEach(column -> {
            List<String> titles = new ArrayList<>();
            column.get("cards").forEach(card -> titles.add(card.get("title").asString()));
            layout.add(column.get("stageId").asString() + ": " + String.join(", ", titles));
        });
        return layout;
    }

    private static List<String> totals(JsonNode column) {
        List<String> totals = new ArrayList<>();
        column.get("totals").forEach(total -> totals.add(total.get("currency").asString() + " "
                + total.get("amount").asString() + " / " + total.get("weightedAmount").asString()));
        return totals;
    }

    private List<Document> intervals(String dealId) {
        return mongo.find(Query.query(where("dealId").is(dealId)).with(Sort.by("enteredSequence")), Document.class,
                "stage_intervals");
    }

    private static Object interval(Document interval) {
        Date left = interval.getDate("leftAt");
        return tuple(interval.getString("pipelineId"), interval.getString("stageId"),
                interval.getDate("enteredAt").toInstant(), left == null ? null : left.toInstant(),
                interval.getString("endedBy"));
    }

    @Test
    void eachStayInAStageIsAnIntervalAndAReturnAddsAnother() throws Exception {
        History history = script();
        String sales = history.sales();

        List<Document> alpha = intervals(history.deal("A"));
        assertThat(alpha).extracting(PointInTimeIntegrationTest::interval).containsExactly(
                tuple(sales, "lead", hour(0), hour(1), "MOVED"),
                tuple(sales, "qualified", hour(1), hour(26), "MOVED"),
                tuple(sales, "proposal", hour(26), hour(50), "MOVED"),
                tuple(sales, "qualified", hour(50), hour(74), "MOVED"),
                tuple(sales, "contract", hour(74), null, null));
        assertThat(alpha).extracting(interval -> interval.getString("stageId")).as("skipped stages have none")
                .doesNotContain("negotiation", "demo");
        assertThat(alpha.get(0).getString("_id")).isEqualTo(history.deal("A") + ":0");
        assertThat(alpha).extracting(interval -> interval.getString("title")).containsOnly("Alpha");
        assertThat(alpha).extracting(interval -> interval.getString("ownerId")).containsOnly("anna");
        assertThat(alpha).extracting(interval -> interval.get("amount", Document.class).get("amount").toString())
                .as("the amount on entering").containsExactly("1000.00", "1000.00", "1500.00", "1500.00", "1500.00");

        assertThat(intervals(history.deal("B"))).extracting(PointInTimeIntegrationTest::interval)
                .containsExactly(tuple(sales, "qualified", hour(1.5), hour(31), "WON"));
        assertThat(intervals(history.deal("C"))).extracting(PointInTimeIntegrationTest::interval).containsExactly(
                tuple(sales, "proposal", hour(3), hour(40), "LOST"),
                tuple(sales, "proposal", hour(80), null, null));
        assertThat(intervals(history.deal("E"))).extracting(PointInTimeIntegrationTest::interval).containsExactly(
                tuple(sales, "lead", hour(0), hour(20), "TRANSFERRED"),
                tuple(history.legal(), "qualified", hour(20), null, null));
    }

    @Test
    void theBoardAsOfAnInstantShowsEachDealWhereAndAsItWasThen() throws Exception {
        History history = script();
        String sales = history.sales();

        JsonNode atFrom = board(sales, FROM, ADA, "");
        assertThat(atFrom.get("pipelineId").asString()).isEqualTo(sales);
        assertThat(atFrom.get("name").asString()).isEqualTo("Sales");
        assertThat(atFrom.get("asOf").asString()).isEqualTo(FROM.toString());
        assertThat(atFrom.get("totalDeals").asLong()).isEqualTo(6);
        assertThat(atFrom.get("page").asInt()).isZero();
        assertThat(atFrom.get("size").asInt()).isEqualTo(50);
        assertThat(layout(atFrom)).as("current stage order, the stage removed since last").containsExactly(
                "lead: Golf", "qualified: Alpha, Bravo", "proposal: Hotel, Charlie", "negotiation: ",
                "contract: ", "demo: Juliet");
        JsonNode qualified = column(atFrom, "qualified");
        assertThat(qualified.get("name").asString()).as("as the stage is called now").isEqualTo("Qualified lead");
        assertThat(qualified.get("position").asInt()).isEqualTo(1);
        assertThat(qualified.get("probability").asInt()).isEqualTo(20);
        assertThat(qualified.get("dealCount").asLong()).isEqualTo(2);
        assertThat(totals(qualified)).containsExactly("EUR 1500.00 / 300.00", "USD 500.00 / 100.00");
        JsonNode alpha = qualified.get("cards").get(0);
        assertThat(alpha.get("dealId").asString()).isEqualTo(history.deal("A"));
        assertThat(alpha.get("ownerId").asString()).as("the owner then").isEqualTo("anna");
        assertThat(alpha.get("amount").get("amount").asString()).isEqualTo("1500.00");
        assertThat(alpha.get("amount").get("currency").asString()).isEqualTo("EUR");
        assertThat(alpha.get("probability").asInt()).isEqualTo(20);
        assertThat(alpha.get("stageEnteredAt").asString()).isEqualTo(hour(1).toString());
        assertThat(alpha.get("daysInStage").asLong()).isZero();
        assertThat(alpha.get("nextAction").isNull()).isTrue();
        assertThat(alpha.get("stalled").isNull()).isTrue();
        assertThat(qualified.get("cards").get(1).get("expectedCloseDate").asString()).isEqualTo("2026-12-01");
        JsonNode proposal = column(atFrom, "proposal");
        assertThat(totals(proposal)).as("Hotel weighs 35 %, its own probability then")
                .containsExactly("EUR 2800.00 / 1280.00");
        assertThat(proposal.get("cards").get(0).get("probability").asInt()).isEqualTo(35);
        assertThat(proposal.get("cards").get(0).get("daysInStage").asLong()).isEqualTo(1);
        JsonNode demo = column(atFrom, "demo");
        assertThat(demo.get("name").asString()).isEqualTo("Demo");
        assertThat(demo.get("position").asInt()).isEqualTo(5);
        assertThat(demo.get("probability").asInt()).isEqualTo(30);

        assertThat(layout(board(sales, hour(27), ADA, ""))).as("Alpha between its moves").contains(
                "qualified: Bravo", "proposal: Hotel, Charlie, Alpha");

        JsonNode atTo = board(sales, TO, ADA, "");
        assertThat(atTo.get("totalDeals").asLong()).isEqualTo(5);
        assertThat(layout(atTo)).as("won and lost deals are off the board").containsExactly("lead: Delta",
                "qualified: Hotel, Alpha", "proposal: ", "negotiation: Golf", "contract: ", "demo: Juliet");
        assertThat(totals(column(atTo, "lead"))).as("a deal without amount adds nothing").isEmpty();
        assertThat(column(atTo, "lead").get("dealCount").asLong()).isEqualTo(1);
        JsonNode hotel = column(atTo, "qualified").get("cards").get(0);
        assertThat(hotel.get("amount").get("amount").asString()).isEqualTo("900.00");
        assertThat(hotel.get("stageEnteredAt").asString()).isEqualTo(hour(30).toString());
        assertThat(hotel.get("daysInStage").asLong()).isEqualTo(1);
        assertThat(column(atTo, "qualified").get("cards").get(1).get("stageEnteredAt").asString())
                .as("Alpha's second stay in the stage").isEqualTo(hour(50).toString());

        assertThat(layout(board(history.legal(), FROM, ADA, ""))).as("Echo, transferred")
                .contains("qualified: Echo", "lead: ");
        assertThat(board(sales, T0.minusSeconds(1), ADA, "").get("totalDeals").asLong()).isZero();
    }

    @Test
    void theBoardAsOfShowsTheCallerTheDealsTheyMaySeeNowAndPagesEachColumn() throws Exception {
        History history = script();
        String sales = history.sales();

        assertThat(layout(board(sales, FROM, ANNA, ""))).as("Alpha is Ben's now").containsExactly("lead: Golf",
                "qualified: ", "proposal: Hotel, Charlie", "negotiation: ", "contract: ", "demo: Juliet");
        assertThat(layout(board(sales, FROM, BEN, ""))).contains("qualified: Alpha, Bravo", "proposal: ");
        assertThat(board(sales, FROM, MAX, "").get("totalDeals").asLong()).isEqualTo(6);
        assertThat(board(sales, FROM, VERA, "").get("totalDeals").asLong()).isEqualTo(6);
        assertThat(board(sales, FROM, NINA, "").get("totalDeals").asLong()).isZero();
        JsonNode bens = board(sales, FROM, ADA, "&ownerId=ben");
        assertThat(bens.get("totalDeals").asLong()).as("Alpha was still Anna's then").isEqualTo(1);
        assertThat(layout(bens)).contains("qualified: Bravo");

        JsonNode first = board(sales, FROM, ADA, "&size=1");
        assertThat(layout(first)).contains("qualified: Alpha", "proposal: Hotel");
        assertThat(column(first, "qualified").get("dealCount").asLong()).isEqualTo(2);
        assertThat(totals(column(first, "qualified"))).as("totals cover every page")
                .containsExactly("EUR 1500.00 / 300.00", "USD 500.00 / 100.00");
        assertThat(layout(board(sales, FROM, ADA, "&size=1&page=1"))).containsExactly("lead: ", "qualified: Bravo",
                "proposal: Charlie", "negotiation: ", "contract: ", "demo: ");
    }

    @Test
    void theChangeReportListsWhatChangedBetweenTwoInstants() throws Exception {
        History history = script();

        ResponseEntity<JsonNode> response = get("/pipelines/" + history.sales() + "/changes?from=" + FROM + "&to="
                + TO);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = response.getBody();
        assertThat(report.get("from").asString()).isEqualTo(FROM.toString());
        assertThat(report.get("to").asString()).isEqualTo(TO.toString());
        assertThat(ids(report, "opened")).isEqualTo(sorted(history.deal("D"), history.deal("I")));
        assertThat(ids(report, "advanced")).containsExactly(history.deal("G"));
        assertThat(ids(report, "movedBack")).containsExactly(history.deal("H"));
        assertThat(ids(report, "won")).isEqualTo(sorted(history.deal("B"), history.deal("I")));
        assertThat(ids(report, "lost")).containsExactly(history.deal("C"));
        assertThat(ids(report, "closeDatePushedOut")).containsExactly(history.deal("B"));
        assertThat(ids(report, "amountChanged")).containsExactly(history.deal("H"));

        JsonNode golf = report.get("advanced").get(0);
        assertThat(golf.get("title").asString()).isEqualTo("Golf");
        assertThat(golf.get("ownerId").asString()).isEqualTo("anna");
        assertThat(golf.get("fromStageId").asString()).isEqualTo("lead");
        assertThat(golf.get("fromStageName").asString()).isEqualTo("Lead");
        assertThat(golf.get("toStageId").asString()).isEqualTo("negotiation");
        assertThat(golf.get("toStageName").asString()).isEqualTo("Negotiation");
        JsonNode hotel = report.get("movedBack").get(0);
        assertThat(hotel.get("fromStageId").asString()).isEqualTo("proposal");
        assertThat(hotel.get("toStageName").asString()).isEqualTo("Qualified lead");
        JsonNode bravo = report.get("closeDatePushedOut").get(0);
        assertThat(bravo.get("fromCloseDate").asString()).isEqualTo("2026-12-01");
        assertThat(bravo.get("toCloseDate").asString()).isEqualTo("2026-12-20");
        JsonNode repriced = report.get("amountChanged").get(0);
        assertThat(repriced.get("fromAmount").get("amount").asString()).isEqualTo("800.00");
        assertThat(repriced.get("toAmount").get("amount").asString()).isEqualTo("900.00");
        JsonNode charlie = report.get("lost").get(0);
        assertThat(charlie.get("fromStageId").asString()).isEqualTo("proposal");
        assertThat(charlie.get("toStageId").asString()).isEqualTo("proposal");

        JsonNode annas = get("/pipelines/" + history.sales() + "/changes?from=" + FROM + "&to=" + TO, ANNA).getBody();
        assertThat(ids(annas, "won")).as("Bravo is Ben's").containsExactly(history.deal("I"));
        assertThat(ids(annas, "closeDatePushedOut")).isEmpty();

        JsonNode early = get("/pipelines/" + history.sales() + "/changes?from=" + hour(0.5) + "&to=" + hour(27))
                .getBody();
        assertThat(ids(early, "advanced")).as("Alpha: Lead to Proposal sent").containsExactly(history.deal("A"));
        assertThat(ids(early, "opened")).as("Bravo, Charlie, Juliet, India").hasSize(3);
        assertThat(ids(early, "amountChanged")).containsExactly(history.deal("A"));
    }

    private static List<String> ids(JsonNode report, String list) {
        List<String> ids = new ArrayList<>();
        report.get(list).forEach(deal -> ids.add(deal.get("dealId").asString()));
        return ids;
    }

    private static List<String> sorted(String... ids) {
        return Arrays.stream(ids).sorted().toList();
    }

    @Test
    void duplicatesAndReplaysChangeNothing() throws Exception {
        History history = script();
        Map<String, List<Document>> before = snapshot(history);
        JsonNode boardBefore = board(history.sales(), FROM, ADA, "");

        history.script().republishAll();
        // And one event once more on its own, out of its place.
        HistoryScript.Published moved = history.script().published().get(15);
        publish(moved.key(), moved.value());
        awaitAllConsumed();

        assertThat(snapshot(history)).isEqualTo(before);
        assertThat(board(history.sales(), FROM, ADA, "")).isEqualTo(boardBefore);
        assertThat(before.get("deal_timeline")).as("one per deal event").hasSize(26);
        assertThat(before.get("deal_versions")).as("every deal event of the script changes the board").hasSize(26);
        assertThat(before.get("stage_intervals")).hasSize(17);
        assertThat(before.get("deal_access")).hasSize(9);
    }

    private Map<String, List<Document>> snapshot(History history) {
        List<String> dealIds = List.copyOf(history.deals().values());
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : List.of("deal_timeline", "stage_intervals", "deal_versions")) {
            snapshot.put(collection, mongo.find(Query.query(where("dealId").in(dealIds)).with(Sort.by("_id")),
                    Document.class, collection));
        }
        snapshot.put("deal_access", mongo.find(Query.query(where("_id").in(dealIds)).with(Sort.by("_id")),
                Document.class, "deal_access"));
        return snapshot;
    }

    @Test
    void badParametersAreBadRequestProblemsAndAnUnknownPipelineIsNotFound() throws Exception {
        String sales = "sales-" + UUID.randomUUID();
        new HistoryScript(this::publish).publish(HistoryScript.salesPipeline(sales, "Sales", T0), "ada", "web");
        awaitAllConsumed();
        String board = "/pipelines/" + sales + "/board/as-of";
        String changes = "/pipelines/" + sales + "/changes";

        assertThat(get(board + "?at=" + T0).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(get(board), HttpStatus.BAD_REQUEST);
        assertProblem(get(board + "?at=yesterday"), HttpStatus.BAD_REQUEST);
        assertProblem(get(board + "?at=" + Instant.now().plus(Duration.ofDays(1))), HttpStatus.BAD_REQUEST);
        assertProblem(get(board + "?at=" + T0 + "&size=0"), HttpStatus.BAD_REQUEST);
        assertProblem(get(board + "?at=" + T0 + "&size=201"), HttpStatus.BAD_REQUEST);
        assertProblem(get(board + "?at=" + T0 + "&page=-1"), HttpStatus.BAD_REQUEST);
        assertProblem(get("/pipelines/no-such-pipeline-" + UUID.randomUUID() + "/board/as-of?at=" + T0),
                HttpStatus.NOT_FOUND);

        assertThat(get(changes + "?from=" + T0 + "&to=" + hour(1)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(get(changes + "?from=" + T0 + "&to=" + T0), HttpStatus.BAD_REQUEST);
        assertProblem(get(changes + "?from=" + hour(1) + "&to=" + T0), HttpStatus.BAD_REQUEST);
        assertProblem(get(changes + "?from=" + T0), HttpStatus.BAD_REQUEST);
        assertProblem(get(changes + "?from=monday&to=" + T0), HttpStatus.BAD_REQUEST);
        assertProblem(get("/pipelines/no-such-pipeline-" + UUID.randomUUID() + "/changes?from=" + T0 + "&to="
                + hour(1)), HttpStatus.NOT_FOUND);
    }

    @Test
    void theQueriesHaveTheirIndexes() {
        assertThat(indexes("deal_timeline")).contains("deal_occurred");
        assertThat(indexes("stage_intervals")).contains("pipeline_entered", "deal_entered");
        assertThat(indexes("deal_versions")).contains("pipeline_valid", "deal_sequence");
    }

    private List<String> indexes(String collection) {
        return mongo.indexOps(collection).getIndexInfo().stream().map(IndexInfo::getName).toList();
    }
}
