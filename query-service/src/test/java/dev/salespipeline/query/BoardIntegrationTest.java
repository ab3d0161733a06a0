package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.TaskScheduled;
import tools.jackson.databind.JsonNode;

/**
 * The live board, deal cards, deals without a next action and pipeline definitions, over the scripted
 * {@link BoardScenario}: columns in the pipeline's current order with the removed stage last, counts,
 * totals and weighted totals worked out by hand, filters, sort and paging, stalled flags, who sees what,
 * bad parameters, and a replay of the whole script that changes no document.
 */
class BoardIntegrationTest extends QueryServiceTestBase {

    private static BoardScenario scenario;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void publishTheScenarioOnce() throws Exception {
        if (scenario == null) {
            BoardScenario script = new BoardScenario();
            for (Map.Entry<String, String> record : script.records) {
                publish(record.getKey(), record.getValue());
            }
            awaitAllConsumed();
            scenario = script;
        }
    }

    private JsonNode board(String query) {
        return board(query, ADA);
    }

    private JsonNode board(String query, String token) {
        ResponseEntity<JsonNode> response = get("/pipelines/" + scenario.pipelineId + "/board?" + query, token);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).isNull() ? null : node.get(field).asString()));
        return values;
    }

    private static JsonNode column(JsonNode board, String stageId) {
        for (JsonNode column : board.get("columns")) {
            if (column.get("stageId").asString().equals(stageId)) {
                return column;
            }
        }
        throw new AssertionError("no column " + stageId + " in " + board);
    }

    private static List<Long> counts(JsonNode board) {
        List<Long> counts = new ArrayList<>();
        board.get("columns").forEach(column -> counts.add(column.get("dealCount").asLong()));
        return counts;
    }

    private static List<String> cardIds(JsonNode board, String stageId) {
        return texts(column(board, stageId).get("cards"), "dealId");
    }

    private static List<String> allCardIds(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.get("columns").forEach(column -> ids.addAll(texts(column.get("cards"), "dealId")));
        return ids;
    }

    private static JsonNode card(JsonNode board, String dealId) {
        for (JsonNode column : board.get("columns")) {
            for (JsonNode card : column.get("cards")) {
                if (card.get("dealId").asString().equals(dealId)) {
                    return card;
                }
            }
        }
        throw new AssertionError("no card " + dealId);
    }

    /** A column's totals as "currency amount weighted" lines. */
    private static List<String> totals(JsonNode board, String stageId) {
        List<String> lines = new ArrayList<>();
        column(board, stageId).get("totals").forEach(total -> lines.add(total.get("currency").asString() + " "
                + total.get("amount").asString() + " " + total.get("weightedAmount").asString()));
        return lines;
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
    }

    @Test
    void theBoardHasAColumnPerStageInThePipelinesOrderAndTheRemovedStageLast() {
        JsonNode board = board("");

        assertThat(board.get("pipelineId").asString()).isEqualTo(scenario.pipelineId);
        assertThat(board.get("name").asString()).isEqualTo("Sales " + scenario.suffix);
        assertThat(board.get("asOf").isNull()).isTrue();
        assertThat(board.get("page").asInt()).isZero();
        assertThat(board.get("size").asInt()).isEqualTo(50);
        JsonNode columns = board.get("columns");
        assertThat(texts(columns, "stageId")).containsExactly("lead", "qualified", "negotiation", "proposal-sent",
                "contract-sent");
        assertThat(texts(columns, "name")).containsExactly("Lead", "Discovery", "Negotiation", "Proposal sent",
                "Contract sent");
        assertThat(texts(columns, "position")).containsExactly("0", "1", "2", "3", null);
        assertThat(texts(columns, "probability")).containsExactly("10", "25", "65", "50", "70");
        assertThat(counts(board)).containsExactly(2L, 1L, 1L, 3L, 1L);
        assertThat(board.get("totalDeals").asLong()).isEqualTo(8);
        assertThat(allCardIds(board)).containsExactlyInAnyOrderElementsOf(scenario.openDeals());
    }

    @Test
    void columnTotalsSumAmountsPerCurrencyAndWeightThemByEachDealsProbability() {
        JsonNode board = board("");

        // beta 2000 at its own 30 %; kappa has no amount and counts only in the deal count.
        assertThat(totals(board, "lead")).containsExactly("EUR 2000.00 600.00");
        assertThat(totals(board, "qualified")).containsExactly("EUR 1000.00 250.00");
        // gamma's amount was changed from 500 to 800 USD.
        assertThat(totals(board, "negotiation")).containsExactly("USD 800.00 520.00");
        assertThat(totals(board, "proposal-sent")).containsExactly("EUR 3300.00 1650.00");
        // epsilon's override was cleared: the removed stage's 70 % applies.
        assertThat(totals(board, "contract-sent")).containsExactly("EUR 1500.00 1050.00");
    }

    @Test
    void aCardShowsTheDealWithItsProbabilityNextActionAndTimeInStage() {
        JsonNode board = board("");

        JsonNode alpha = card(board, scenario.alpha);
        assertThat(alpha.get("title").asString()).isEqualTo("Alpha seats");
        assertThat(alpha.get("company").asString()).isEqualTo("Acme GmbH");
        assertThat(alpha.get("ownerId").asString()).isEqualTo("anna");
        assertThat(alpha.get("amount").get("amount").asString()).isEqualTo("1000.00");
        assertThat(alpha.get("amount").get("currency").asString()).isEqualTo("EUR");
        assertThat(alpha.get("probability").asInt()).isEqualTo(25);
        assertThat(alpha.get("nextAction").get("taskId").asString()).isEqualTo("t1");
        assertThat(alpha.get("nextAction").get("title").asString()).isEqualTo("Send proposal");
        assertThat(alpha.get("nextAction").get("dueAt").asString()).isEqualTo(scenario.dueIn3Days.toString());
        assertThat(alpha.get("stageEnteredAt").asString()).isEqualTo(scenario.daysAgo(1).toString());
        assertThat(alpha.get("daysInStage").asLong()).isEqualTo(1);
        assertThat(alpha.get("stalled").asBoolean()).isFalse();
        assertThat(alpha.get("expectedCloseDate").asString()).isEqualTo("2026-12-15");
        // the deal card's version, for If-Match when the card is dragged to another stage
        assertThat(alpha.get("version").asLong()).isEqualTo(7);

        JsonNode beta = card(board, scenario.beta);
        assertThat(beta.get("probability").asInt()).isEqualTo(30);
        assertThat(beta.get("daysInStage").asLong()).isEqualTo(40);
        assertThat(beta.get("nextAction").isNull()).isTrue();
        assertThat(card(board, scenario.gamma).get("nextAction").get("dueAt").asString())
                .isEqualTo(scenario.dueToday.toString());
        assertThat(card(board, scenario.delta).get("ownerId").asString()).isEqualTo("anna");
        assertThat(card(board, scenario.epsilon).get("probability").asInt()).isEqualTo(70);
        assertThat(card(board, scenario.kappa).get("amount").isNull()).isTrue();
        assertThat(card(board, scenario.kappa).get("company").isNull()).isTrue();
    }

    @Test
    void stalledDealsAreFlaggedAndTheStalledFilterFindsExactlyThem() {
        JsonNode board = board("");
        List<String> stalled = new ArrayList<>();
        board.get("columns").forEach(column -> column.get("cards").forEach(card -> {
            if (card.get("stalled").asBoolean()) {
                stalled.add(card.get("dealId").asString());
            }
        }));
        // beta over the lead's limit, epsilon over the removed stage's, iota idle; theta's call keeps it going.
        assertThat(stalled).containsExactlyInAnyOrder(scenario.beta, scenario.epsilon, scenario.iota);

        JsonNode onlyStalled = board("stalledOnly=true");
        assertThat(counts(onlyStalled)).containsExactly(1L, 0L, 0L, 1L, 1L);
        assertThat(allCardIds(onlyStalled)).containsExactlyInAnyOrder(scenario.beta, scenario.epsilon, scenario.iota);
        assertThat(onlyStalled.get("totalDeals").asLong()).isEqualTo(3);
        assertThat(totals(onlyStalled, "proposal-sent")).containsExactly("EUR 200.00 100.00");
    }

    @Test
    void filtersNarrowTheCardsTheCountsAndTheTotals() {
        JsonNode annas = board("ownerId=anna");
        assertThat(texts(annas.get("columns"), "stageId")).as("no removed-stage column without deals in it")
                .containsExactly("lead", "qualified", "negotiation", "proposal-sent");
        assertThat(counts(annas)).containsExactly(0L, 1L, 1L, 2L);
        assertThat(totals(annas, "proposal-sent")).containsExactly("EUR 3100.00 1550.00");
        assertThat(column(annas, "lead").get("totals")).isEmpty();

        assertThat(allCardIds(board("sourceChannel=referral"))).containsExactly(scenario.alpha);
        JsonNode midSized = board("minAmount=1000&maxAmount=2000");
        assertThat(allCardIds(midSized)).containsExactlyInAnyOrder(scenario.alpha, scenario.beta, scenario.epsilon);
        assertThat(midSized.get("totalDeals").asLong()).isEqualTo(3);
        assertThat(allCardIds(board("minAmount=2500"))).containsExactly(scenario.delta);
        assertThat(allCardIds(board("closeFrom=2026-12-01&closeTo=2026-12-31")))
                .containsExactlyInAnyOrder(scenario.alpha, scenario.gamma);
        assertThat(allCardIds(board("closeFrom=2027-01-01"))).containsExactly(scenario.beta);
        assertThat(allCardIds(board("withoutNextAction=true")))
                .containsExactlyInAnyOrder(scenario.beta, scenario.epsilon, scenario.theta, scenario.kappa);
        assertThat(allCardIds(board("q=acme"))).containsExactly(scenario.alpha);
        assertThat(allCardIds(board("q=JO KIM"))).containsExactly(scenario.alpha);
        assertThat(allCardIds(board("q=scorpio"))).containsExactly(scenario.gamma);
        assertThat(allCardIds(board("q=gamma roll"))).containsExactly(scenario.gamma);
        assertThat(allCardIds(board("q=a.pha"))).as("the text is not a pattern").isEmpty();
        JsonNode combined = board("ownerId=anna&withoutNextAction=true&stalledOnly=false");
        assertThat(allCardIds(combined)).containsExactly(scenario.theta);
        assertThat(combined.get("totalDeals").asLong()).isEqualTo(1);
    }

    @Test
    void cardsAreSortedAndPagedWithinEachColumn() {
        assertThat(cardIds(board(""), "lead")).as("most recently changed first")
                .containsExactly(scenario.kappa, scenario.beta);
        assertThat(cardIds(board("sort=updatedAt"), "lead")).containsExactly(scenario.beta, scenario.kappa);
        assertThat(cardIds(board("sort=amount"), "proposal-sent"))
                .containsExactly(scenario.theta, scenario.iota, scenario.delta);
        assertThat(cardIds(board("sort=-amount"), "proposal-sent"))
                .containsExactly(scenario.delta, scenario.iota, scenario.theta);
        assertThat(cardIds(board("sort=title"), "proposal-sent"))
                .containsExactly(scenario.delta, scenario.iota, scenario.theta);
        assertThat(cardIds(board("sort=-daysInStage"), "proposal-sent"))
                .containsExactly(scenario.theta, scenario.iota, scenario.delta);
        assertThat(cardIds(board("sort=daysInStage"), "proposal-sent"))
                .containsExactly(scenario.delta, scenario.iota, scenario.theta);
        // kappa has no expected close date: first when ascending, as MongoDB orders a missing value.
        assertThat(cardIds(board("sort=-expectedCloseDate"), "lead")).containsExactly(scenario.beta, scenario.kappa);
        assertThat(cardIds(board("sort=expectedCloseDate"), "lead")).containsExactly(scenario.kappa, scenario.beta);

        JsonNode firstPage = board("sort=-amount&size=2");
        assertThat(cardIds(firstPage, "proposal-sent")).containsExactly(scenario.delta, scenario.iota);
        assertThat(cardIds(firstPage, "lead")).containsExactly(scenario.beta, scenario.kappa);
        assertThat(column(firstPage, "proposal-sent").get("dealCount").asLong()).isEqualTo(3);
        assertThat(firstPage.get("totalDeals").asLong()).isEqualTo(8);
        JsonNode secondPage = board("sort=-amount&size=2&page=1");
        assertThat(cardIds(secondPage, "proposal-sent")).containsExactly(scenario.theta);
        assertThat(cardIds(secondPage, "lead")).isEmpty();
        assertThat(totals(secondPage, "proposal-sent")).containsExactly("EUR 3300.00 1650.00");
    }

    @Test
    void eachCallerSeesTheBoardOfTheDealsTheirRoleAllows() {
        // As GET /pipelines/{pipelineId}/deals: admins and viewers all, managers their team, reps their own.
        assertThat(board("", VERA).get("totalDeals").asLong()).isEqualTo(8);
        assertThat(allCardIds(board("", MAX))).containsExactlyInAnyOrder(scenario.alpha, scenario.beta,
                scenario.gamma, scenario.delta, scenario.epsilon, scenario.theta, scenario.iota);
        assertThat(allCardIds(board("", NINA))).containsExactly(scenario.kappa);
        JsonNode annas = board("", ANNA);
        assertThat(allCardIds(annas)).containsExactlyInAnyOrder(scenario.alpha, scenario.gamma, scenario.delta,
                scenario.theta);
        assertThat(totals(annas, "proposal-sent")).containsExactly("EUR 3100.00 1550.00");
        assertThat(board("ownerId=ben", ANNA).get("totalDeals").asLong()).isZero();
        assertThat(allCardIds(board("", SAM))).containsExactly(scenario.kappa);
        assertThat(board("", BEN).get("columns")).hasSize(5);
    }

    @Test
    void keysetPagesFollowEachColumnInEverySortAsOnePageWould() {
        for (String sort : List.of("amount", "-amount", "expectedCloseDate", "-expectedCloseDate", "daysInStage",
                "-daysInStage", "title", "updatedAt", "-updatedAt")) {
            JsonNode whole = board("size=200&sort=" + sort);
            JsonNode first = board("size=1&sort=" + sort);
            for (JsonNode column : first.get("columns")) {
                String stageId = column.get("stageId").asString();
                List<String> followed = new ArrayList<>(texts(column.get("cards"), "dealId"));
                JsonNode next = column.get("next");
                int pages = 0;
                while (next != null && !next.isNull()) {
                    JsonNode page = board("size=1&sort=" + sort + "&after=" + next.asString());
                    assertThat(page.get("totalDeals").asLong()).isEqualTo(whole.get("totalDeals").asLong());
                    JsonNode same = null;
                    for (JsonNode other : page.get("columns")) {
                        if (other.get("stageId").asString().equals(stageId)) {
                            same = other;
                        } else {
                            assertThat(other.get("cards")).as("other columns carry no cards").isEmpty();
                        }
                    }
                    assertThat(same).isNotNull();
                    followed.addAll(texts(same.get("cards"), "dealId"));
                    next = same.get("next");
                    assertThat(++pages).as("pages of %s sorted by %s", stageId, sort).isLessThan(50);
                }
                assertThat(followed).as("%s sorted by %s", stageId, sort).isEqualTo(cardIds(whole, stageId));
            }
        }
        assertProblem(get("/pipelines/" + scenario.pipelineId + "/board?after=not-a-cursor"), HttpStatus.BAD_REQUEST);
        JsonNode byAmount = board("size=1&sort=amount");
        String token = null;
        for (JsonNode column : byAmount.get("columns")) {
            if (!column.get("next").isNull()) {
                token = column.get("next").asString();
            }
        }
        assertThat(token).as("a column with more than one card").isNotNull();
        assertProblem(get("/pipelines/" + scenario.pipelineId + "/board?sort=title&after=" + token),
                HttpStatus.BAD_REQUEST);
        assertProblem(get("/pipelines/" + scenario.pipelineId + "/board?sort=amount&page=1&after=" + token),
                HttpStatus.BAD_REQUEST);
    }

    @Test
    void badParametersAreBadRequestProblemsAndAnUnknownPipelineIsNotFound() {
        String board = "/pipelines/" + scenario.pipelineId + "/board?";
        for (String bad : List.of("sort=bogus", "size=0", "size=201", "page=-1", "minAmount=-1",
                "minAmount=5&maxAmount=1", "minAmount=lots", "closeFrom=someday", "closeFrom=2026-12-02&closeTo=2026-12-01",
                "stalledOnly=perhaps", "q=" + "x".repeat(201))) {
            assertProblem(get(board + bad), HttpStatus.BAD_REQUEST);
        }
        assertProblem(get("/pipelines/no-such-pipeline/board"), HttpStatus.NOT_FOUND);
        assertProblem(get("/pipelines/no-such-pipeline"), HttpStatus.NOT_FOUND);
        assertProblem(get("/pipelines/no-such-pipeline/deals/without-next-action"), HttpStatus.NOT_FOUND);
        assertProblem(get("/pipelines/" + scenario.pipelineId + "/deals/without-next-action?size=201"),
                HttpStatus.BAD_REQUEST);
    }

    @Test
    void theDealCardHoldsEverythingItShows() {
        JsonNode alpha = get("/deals/" + scenario.alpha).getBody();
        assertThat(alpha.get("title").asString()).isEqualTo("Alpha seats");
        JsonNode client = alpha.get("client");
        assertThat(client.get("company").asString()).isEqualTo("Acme GmbH");
        assertThat(client.get("contactPerson").asString()).isEqualTo("Jo Kim");
        assertThat(client.get("decisionMaker").asString()).isEqualTo("Kim Jo");
        assertThat(client.get("phone").asString()).isEqualTo("+49 30 1");
        assertThat(client.get("email").asString()).isEqualTo("jo@acme.test");
        assertThat(client.get("industry").asString()).isEqualTo("Software");
        assertThat(alpha.get("sourceChannel").asString()).isEqualTo("referral");
        assertThat(alpha.get("product").asString()).isEqualTo("Seats");
        assertThat(alpha.get("teamId").asString()).isEqualTo("north");
        assertThat(alpha.get("amountValue").asDouble()).isEqualTo(1000.0);
        assertThat(alpha.get("stageId").asString()).isEqualTo("qualified");
        assertThat(alpha.get("status").asString()).isEqualTo("OPEN");
        assertThat(texts(alpha.get("openTasks"), "taskId")).as("due first first, the completed one gone")
                .containsExactly("t1", "t1b");
        assertThat(alpha.get("nextAction").get("taskId").asString()).isEqualTo("t1");
        assertThat(alpha.get("lastActivityAt").asString()).isEqualTo(scenario.daysAgo(1).toString());
        assertThat(alpha.get("openedAt").asString()).isEqualTo(scenario.daysAgo(2).toString());
        assertThat(alpha.get("version").asLong()).isEqualTo(7);

        JsonNode gamma = get("/deals/" + scenario.gamma).getBody();
        assertThat(gamma.get("amount").get("amount").asString()).isEqualTo("800.00");
        assertThat(gamma.get("amountValue").asDouble()).isEqualTo(800.0);
        assertThat(gamma.get("stageEnteredAt").asString()).isEqualTo(scenario.daysAgo(3).toString());
        assertThat(gamma.get("openTasks").get(0).get("dueAt").asString()).isEqualTo(scenario.dueToday.toString());

        JsonNode theta = get("/deals/" + scenario.theta).getBody();
        assertThat(theta.get("lastActivityAt").asString()).isEqualTo(scenario.daysAgo(2).toString());
        assertThat(theta.get("nextAction").isNull()).isTrue();
        JsonNode kappa = get("/deals/" + scenario.kappa).getBody();
        assertThat(kappa.get("lastActivityAt").isNull()).isTrue();
        assertThat(kappa.get("openTasks")).isEmpty();

        JsonNode zeta = get("/deals/" + scenario.zeta).getBody();
        assertThat(zeta.get("status").asString()).isEqualTo("WON");
        assertThat(zeta.get("closedAt").asString()).isEqualTo(scenario.daysAgo(5).toString());
        JsonNode eta = get("/deals/" + scenario.eta).getBody();
        assertThat(eta.get("status").asString()).isEqualTo("LOST");
        assertThat(eta.get("lostReason").asString()).isEqualTo("Price");
    }

    @Test
    void openDealsWithoutANextActionAreListedMostRecentlyChangedFirst() {
        String path = "/pipelines/" + scenario.pipelineId + "/deals/without-next-action";
        assertThat(texts(get(path).getBody(), "dealId"))
                .containsExactly(scenario.kappa, scenario.epsilon, scenario.theta, scenario.beta);
        assertThat(texts(get(path + "?ownerId=ben").getBody(), "dealId"))
                .containsExactly(scenario.epsilon, scenario.beta);
        assertThat(texts(get(path, ANNA).getBody(), "dealId")).containsExactly(scenario.theta);
        assertThat(texts(get(path + "?size=1&page=1").getBody(), "dealId")).containsExactly(scenario.epsilon);
    }

    @Test
    void pipelinesAreReadableWithTheirCurrentAndRemovedStages() {
        JsonNode pipeline = get("/pipelines/" + scenario.pipelineId, ANNA).getBody();
        assertThat(texts(pipeline.get("stages"), "stageId"))
                .containsExactly("lead", "qualified", "negotiation", "proposal-sent");
        assertThat(texts(pipeline.get("stages"), "name")).contains("Discovery");
        assertThat(texts(pipeline.get("removedStages"), "stageId")).containsExactly("contract-sent");
        assertThat(pipeline.get("idleLimitSeconds").asLong()).isEqualTo(14 * 24 * 3600);
        assertThat(texts(get("/pipelines", VERA).getBody(), "pipelineId")).contains(scenario.pipelineId);
    }

    @Test
    void publishingTheWholeScriptAgainChangesNoDocument() throws Exception {
        Query ofTheScenario = Query.query(where("_id").in(scenario.allDeals())).with(Sort.by("_id"));
        Query itsTasks = Query.query(where("dealId").in(scenario.allDeals())).with(Sort.by("_id"));
        List<Document> cards = mongo.find(ofTheScenario, Document.class, "deal_cards");
        List<Document> tasks = mongo.find(itsTasks, Document.class, "tasks");
        Document pipeline = mongo.findById(scenario.pipelineId, Document.class, "pipelines");
        assertThat(cards).hasSize(11);
        assertThat(tasks).hasSize(8);

        for (Map.Entry<String, String> record : scenario.records) {
            publish(record.getKey(), record.getValue());
        }
        awaitAllConsumed();

        assertThat(mongo.find(ofTheScenario, Document.class, "deal_cards")).isEqualTo(cards);
        assertThat(mongo.find(itsTasks, Document.class, "tasks")).isEqualTo(tasks);
        assertThat(mongo.findById(scenario.pipelineId, Document.class, "pipelines")).isEqualTo(pipeline);
    }

    @Test
    void aReopenedOrTransferredDealEntersItsStageAnewAndItsTasksFollowIt() throws Exception {
        String dealId = "deal-" + UUID.randomUUID();
        Instant opened = scenario.daysAgo(30);
        Instant reopened = scenario.daysAgo(3);
        Instant transferred = scenario.daysAgo(1);
        List<DomainEvent> events = List.of(
                new DealOpened(dealId, scenario.pipelineId, "lead", "Mu", "anna", "north", BoardScenario.eur("10.00"),
                        opened),
                new TaskScheduled(dealId, "t1", "Call", scenario.dueIn3Days, opened),
                new DealLost(dealId, scenario.pipelineId, "lead", "Timing", null, scenario.daysAgo(20)),
                new DealReopened(dealId, scenario.pipelineId, "lead", reopened));
        for (int sequence = 0; sequence < events.size(); sequence++) {
            publish(dealId, asPublished(events.get(sequence), sequence, "anna"));
        }
        awaitAllConsumed();
        JsonNode card = get("/deals/" + dealId).getBody();
        assertThat(card.get("status").asString()).isEqualTo("OPEN");
        assertThat(card.get("stageEnteredAt").asString()).isEqualTo(reopened.toString());
        assertThat(card(board(""), dealId).get("stalled").asBoolean())
                .as("idle counts from the reopening, not from the task scheduled before").isFalse();

        publish(dealId, asPublished(new DealTransferred(dealId, scenario.pipelineId, "lead", "legal-" + scenario.suffix,
                "review", transferred), 4, "anna"));
        // An old event delivered again after it changes nothing.
        publish(dealId, asPublished(events.get(1), 1, "anna"));
        awaitAllConsumed();
        card = get("/deals/" + dealId).getBody();
        assertThat(card.get("pipelineId").asString()).isEqualTo("legal-" + scenario.suffix);
        assertThat(card.get("stageEnteredAt").asString()).isEqualTo(transferred.toString());
        assertThat(card.get("version").asLong()).isEqualTo(4);
        assertThat(texts(card.get("openTasks"), "taskId")).containsExactly("t1");
        assertThat(mongo.findById(dealId + "/t1", Document.class, "tasks").getString("pipelineId"))
                .isEqualTo("legal-" + scenario.suffix);
        assertThat(allCardIds(board(""))).doesNotContain(dealId);
    }
}
